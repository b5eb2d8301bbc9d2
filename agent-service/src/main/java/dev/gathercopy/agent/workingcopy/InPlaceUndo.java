package dev.gathercopy.agent.workingcopy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes an in-place PATCH is about to overwrite, and the working file's stamp before it: kept on disk until the
 * state records the edited file, so that a crash in between is rolled back to exactly the file before the PATCH.
 */
record InPlaceUndo(FileStamp before, List<Range> ranges) {

	/** Bytes of the working file at an offset, as they were before the PATCH. */
	record Range(long offset, byte[] bytes) {
	}

	/** Reads the bytes that the edits (all replaces inside the file) will overwrite. */
	static InPlaceUndo of(FileStamp before, Path work, List<Edit> edits) throws IOException {
		List<Range> ranges = new ArrayList<>();
		try (FileChannel channel = FileChannel.open(work, StandardOpenOption.READ)) {
			for (Edit edit : edits) {
				ByteBuffer bytes = ByteBuffer.allocate(edit.data().length);
				int n = 0;
				while (bytes.hasRemaining() && n >= 0) {
					n = channel.read(bytes, edit.offset() + bytes.position());
				}
				ranges.add(new Range(edit.offset(), bytes.array()));
			}
		}
		return new InPlaceUndo(before, ranges);
	}

	/** Puts the bytes from before the PATCH back into the working file. */
	void restore(Path work) throws IOException {
		try (FileChannel channel = FileChannel.open(work, StandardOpenOption.WRITE)) {
			for (Range range : this.ranges) {
				ByteBuffer bytes = ByteBuffer.wrap(range.bytes());
				while (bytes.hasRemaining()) {
					channel.write(bytes, range.offset() + bytes.position());
				}
			}
		}
	}

}
