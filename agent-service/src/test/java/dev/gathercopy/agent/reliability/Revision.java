package dev.gathercopy.agent.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.gathercopy.agent.HandleProtocol;
import dev.gathercopy.agent.HandleProtocol.Reply;

/**
 * A new version of a file described as a client would push it: regions copied from the old version, and new bytes
 * scattered between them. {@code content} is what the file must hold once the revision is committed.
 */
record Revision(List<long[]> regions, List<long[]> layout, byte[] literals, byte[] content) {

	/** A revision of {@code old} of the same size, from pieces of it and a few new bytes, drawn from {@code random}. */
	static Revision of(byte[] old, Random random, int maxPiece) {
		byte[] content = new byte[old.length];
		List<long[]> regions = new ArrayList<>();
		List<long[]> layout = new ArrayList<>();
		ByteArrayOutputStream literals = new ByteArrayOutputStream();
		int position = 0;
		while (position < content.length) {
			int length = Math.min(content.length - position, 1 + random.nextInt(maxPiece));
			if (random.nextInt(5) > 0) {
				int from = random.nextInt(old.length - length + 1);
				System.arraycopy(old, from, content, position, length);
				regions.add(new long[] { from, position, length });
			}
			else {
				length = Math.min(length, maxPiece / 8 + 1);
				byte[] bytes = new byte[length];
				random.nextBytes(bytes);
				System.arraycopy(bytes, 0, content, position, length);
				layout.add(new long[] { position, length });
				literals.writeBytes(bytes);
			}
			position += length;
		}
		return new Revision(regions, layout, literals.toByteArray(), content);
	}

	String sha256() {
		return HandleProtocol.sha256(this.content);
	}

	/** The gather-copy requests of this revision: the regions split in two. */
	List<List<long[]>> copyBatches() {
		int half = (this.regions.size() + 1) / 2;
		return (this.regions.size() < 2) ? List.of(this.regions)
				: List.of(this.regions.subList(0, half), this.regions.subList(half, this.regions.size()));
	}

	/** Pushes the whole revision through the handle protocol: the first failed call's reply, or the commit's. */
	Reply push(HandleProtocol storage, String path, String baseVersion) throws IOException, InterruptedException {
		Reply read = storage.open(path, "read", baseVersion);
		if (!read.ok()) {
			return read;
		}
		String readHandle = (String) read.json().get("handle");
		try {
			Reply write = storage.open(path, "write", null);
			if (!write.ok()) {
				return write;
			}
			String writeHandle = (String) write.json().get("handle");
			Reply failed = stage(storage, writeHandle, readHandle);
			if (failed != null) {
				storage.close(writeHandle);
				return failed;
			}
			Reply commit = storage.commit(writeHandle, baseVersion, this.content.length, sha256());
			if (!commit.ok()) {
				storage.close(writeHandle);
			}
			return commit;
		}
		finally {
			storage.close(readHandle);
		}
	}

	/** Copies the regions and writes the literals into a write handle; null when all went well, else the failure. */
	Reply stage(HandleProtocol storage, String write, String read) throws IOException, InterruptedException {
		for (List<long[]> batch : copyBatches()) {
			Reply copied = storage.gatherCopy(write, read, batch);
			if (!copied.ok()) {
				return copied;
			}
		}
		if (!this.layout.isEmpty()) {
			Reply written = storage.scatterWrite(write, this.layout, this.literals);
			if (!written.ok()) {
				return written;
			}
		}
		return null;
	}

}
