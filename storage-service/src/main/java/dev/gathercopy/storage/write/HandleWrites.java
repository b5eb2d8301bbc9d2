package dev.gathercopy.storage.write;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import dev.gathercopy.storage.auth.Caller;
import dev.gathercopy.storage.file.ChannelCopier;
import dev.gathercopy.storage.file.FileStore;
import dev.gathercopy.storage.file.Locks;
import dev.gathercopy.storage.handle.Handle;
import dev.gathercopy.storage.handle.HandleStore;
import dev.gathercopy.storage.limits.RegionFields;
import dev.gathercopy.storage.limits.RequestLimits;
import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.problem.StorageException;
import dev.gathercopy.storage.write.WriteResults.DataWriteResult;
import dev.gathercopy.storage.write.WriteResults.ScatterWriteResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Service;

/** Writes new bytes from clients into write handles: one stream at an offset, or a layout of scattered extents. */
@Service
class HandleWrites {

	private final HandleStore handles;

	private final RequestLimits limits;

	private final Counter bytesWritten;

	HandleWrites(HandleStore handles, RequestLimits limits, MeterRegistry meters) {
		this.handles = handles;
		this.limits = limits;
		this.bytesWritten = Counter.builder("gathercopy.write.bytes")
			.baseUnit("bytes")
			.description("Bytes written into handles from clients")
			.register(meters);
	}

	/** Streams a body into a write handle at an offset. */
	DataWriteResult writeAt(Caller caller, String id, long offset, InputStream body, long contentLength)
			throws IOException {
		if (offset < 0) {
			throw new StorageException(ProblemKind.INVALID_REQUEST, "offset must not be negative").with("field",
					"offset");
		}
		if (contentLength >= 0) {
			this.limits.checkRequestBytes(contentLength);
			this.limits.checkFileEnd(RegionFields.end(offset, contentLength, 0, "offset"), 0);
		}
		try (Locks.Held held = this.handles.lock(id)) {
			Handle handle = this.handles.getWritable(id, caller);
			long sizeBefore = Files.size(this.handles.data(handle));
			try (FileChannel target = FileChannel.open(this.handles.data(handle), StandardOpenOption.WRITE)) {
				long written = FileStore.write(target, offset, body, this.limits.maxBytesPerRequest(),
						this.limits.maxFileSize());
				this.handles.record(handle, 0, 0, written);
				this.bytesWritten.increment(written);
				return new DataWriteResult(written, target.size());
			}
			catch (IOException ex) {
				throw this.handles.failedWrite(handle, sizeBefore, ex);
			}
		}
	}

	/**
	 * Writes the concatenated bytes of a layout's extents, all or nothing: the data is spooled and its length checked
	 * against the layout before any byte of the staged file changes.
	 */
	ScatterWriteResult scatter(Caller caller, String id, List<Extent> layout, InputStream data) throws IOException {
		long total = validate(layout);
		try (Locks.Held held = this.handles.lock(id)) {
			Handle handle = this.handles.getWritable(id, caller);
			Path spool = this.handles.scratch(handle, "scatter");
			long sizeBefore = Files.size(this.handles.data(handle));
			try (FileChannel spooled = FileChannel.open(spool, StandardOpenOption.CREATE,
					StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
				long received = FileStore.write(spooled, 0, data, total, Long.MAX_VALUE);
				if (received != total) {
					throw new StorageException(ProblemKind.LAYOUT_MISMATCH, "the layout adds up to " + total
							+ " bytes but the data part has " + received).with("layoutBytes", total)
						.with("dataBytes", received);
				}
				try (FileChannel target = FileChannel.open(this.handles.data(handle), StandardOpenOption.WRITE)) {
					ChannelCopier copier = new ChannelCopier();
					long position = 0;
					for (Extent extent : layout) {
						copier.copy(spooled, position, target, extent.destinationOffset(), extent.length(), false);
						position += extent.length();
					}
					this.handles.record(handle, 0, 0, total);
					this.bytesWritten.increment(total);
					return new ScatterWriteResult(layout.size(), total, target.size());
				}
			}
			catch (StorageException ex) {
				if (ex.kind() == ProblemKind.REQUEST_TOO_LARGE) {
					throw new StorageException(ProblemKind.LAYOUT_MISMATCH, "the data part is longer than the "
							+ total + " bytes of the layout").with("layoutBytes", total);
				}
				throw ex;
			}
			catch (IOException ex) {
				throw this.handles.failedWrite(handle, sizeBefore, ex);
			}
			finally {
				Files.deleteIfExists(spool);
			}
		}
	}

	private long validate(List<Extent> layout) {
		this.limits.checkRegionCount(layout.size());
		long total = 0;
		for (int i = 0; i < layout.size(); i++) {
			Extent extent = layout.get(i);
			if (extent == null) {
				throw RegionFields.invalid(i, "region", "region " + i + " is null");
			}
			long offset = RegionFields.offset(extent.destinationOffset(), i, "destinationOffset");
			long length = RegionFields.length(extent.length(), i);
			this.limits.checkFileEnd(RegionFields.end(offset, length, i, "destinationOffset"), i);
			total = (Long.MAX_VALUE - total < length) ? Long.MAX_VALUE : total + length;
			this.limits.checkRequestBytes(total);
		}
		return total;
	}

}
