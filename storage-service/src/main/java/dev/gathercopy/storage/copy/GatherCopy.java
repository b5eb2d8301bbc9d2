package dev.gathercopy.storage.copy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;

import dev.gathercopy.storage.auth.Caller;
import dev.gathercopy.storage.file.ChannelCopier;
import dev.gathercopy.storage.file.Locks;
import dev.gathercopy.storage.handle.Handle;
import dev.gathercopy.storage.handle.HandleStore;
import dev.gathercopy.storage.limits.RegionFields;
import dev.gathercopy.storage.limits.RequestLimits;
import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.problem.StorageException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Service;

/**
 * Copies regions of a source handle into a write handle, server-side, in array order. The whole array is checked
 * against the sizes it will meet before the first byte moves, so a refused request changes nothing.
 */
@Service
class GatherCopy {

	private final HandleStore handles;

	private final RequestLimits limits;

	private final Counter bytesCopied;

	private final DistributionSummary regionsPerRequest;

	private final Timer latency;

	GatherCopy(HandleStore handles, RequestLimits limits, MeterRegistry meters) {
		this.handles = handles;
		this.limits = limits;
		this.bytesCopied = Counter.builder("gathercopy.copy.bytes")
			.baseUnit("bytes")
			.description("Bytes copied server-side by gather-copy")
			.register(meters);
		this.regionsPerRequest = DistributionSummary.builder("gathercopy.copy.regions")
			.description("Regions per gather-copy request")
			.publishPercentileHistogram()
			.register(meters);
		this.latency = Timer.builder("gathercopy.copy.duration")
			.description("Time to serve a gather-copy request")
			.publishPercentileHistogram()
			.register(meters);
	}

	GatherCopyResult copy(Caller caller, String destinationId, GatherCopyRequest request) throws IOException {
		if (request.source() == null || request.source().isEmpty()) {
			throw new StorageException(ProblemKind.INVALID_REQUEST, "source is required").with("field", "source");
		}
		List<Region> regions = (request.regions() != null) ? request.regions() : List.of();
		Timer.Sample sample = Timer.start();
		try (Locks.Held held = this.handles.lock(destinationId, request.source())) {
			Handle destination = this.handles.getWritable(destinationId, caller);
			boolean self = request.source().equals(destinationId);
			Handle source = self ? destination : this.handles.get(request.source(), caller, false);
			this.limits.checkRegionCount(regions.size());
			long sizeBefore = Files.size(this.handles.data(destination));
			try (FileChannel target = FileChannel.open(this.handles.data(destination), StandardOpenOption.READ,
					StandardOpenOption.WRITE); FileChannel input = this.handles.openForRead(source)) {
				long sourceSize = input.size();
				long size = validate(regions, self, self ? target.size() : sourceSize, target.size());
				ChannelCopier copier = new ChannelCopier();
				long total = 0;
				for (Region region : regions) {
					copier.copy(input, region.sourceOffset(), target, region.destinationOffset(), region.length(),
							self);
					total += region.length();
				}
				this.handles.record(destination, regions.size(), total, 0);
				this.bytesCopied.increment(total);
				this.regionsPerRequest.record(regions.size());
				return new GatherCopyResult(regions.size(), total, size);
			}
			catch (IOException ex) {
				throw this.handles.failedWrite(destination, sizeBefore, ex);
			}
		}
		finally {
			sample.stop(this.latency);
		}
	}

	/**
	 * Checks every region against the sizes it will meet, in order (a self-copy sees the growth of the regions before
	 * it), and returns the destination's size after the copy.
	 */
	private long validate(List<Region> regions, boolean self, long sourceSize, long destinationSize) {
		long total = 0;
		long size = destinationSize;
		for (int i = 0; i < regions.size(); i++) {
			Region region = regions.get(i);
			if (region == null) {
				throw RegionFields.invalid(i, "region", "region " + i + " is null");
			}
			long from = RegionFields.offset(region.sourceOffset(), i, "sourceOffset");
			long to = RegionFields.offset(region.destinationOffset(), i, "destinationOffset");
			long length = RegionFields.length(region.length(), i);
			long sourceEnd = RegionFields.end(from, length, i, "sourceOffset");
			long destinationEnd = RegionFields.end(to, length, i, "destinationOffset");
			long available = self ? size : sourceSize;
			if (sourceEnd > available) {
				throw new StorageException(ProblemKind.SOURCE_RANGE_NOT_SATISFIABLE, "region " + i + " reads up to "
						+ sourceEnd + " but the source has " + available + " bytes")
					.with("regionIndex", i)
					.with("sourceSize", available);
			}
			this.limits.checkFileEnd(destinationEnd, i);
			total = (Long.MAX_VALUE - total < length) ? Long.MAX_VALUE : total + length;
			this.limits.checkRequestBytes(total);
			size = Math.max(size, destinationEnd);
		}
		return size;
	}

}
