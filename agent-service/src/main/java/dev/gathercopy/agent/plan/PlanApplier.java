package dev.gathercopy.agent.plan;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Rebuilds the new file from the base, a plan and the literal bytes, as the storage side will. */
public final class PlanApplier {

	private static final int BUFFER = 1 << 20;

	private PlanApplier() {
	}

	/** Writes the new file to {@code target} from the base, the plan and literal bytes read from {@code working}. */
	public static void rebuild(Path base, Plan plan, Path working, Path target) throws IOException {
		try (FileChannel baseChannel = FileChannel.open(base, StandardOpenOption.READ);
				FileChannel workingChannel = FileChannel.open(working, StandardOpenOption.READ);
				FileChannel targetChannel = FileChannel.open(target, StandardOpenOption.CREATE,
						StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
			rebuild(baseChannel, plan, LiteralSource.of(workingChannel), targetChannel);
		}
	}

	/** Writes the new file into {@code target}, another file than the base, which ends up {@code plan.size()} long. */
	public static void rebuild(FileChannel base, Plan plan, LiteralSource literals, FileChannel target)
			throws IOException {
		long baseSize = base.size();
		for (Region region : plan.regions()) {
			if (region.sourceEnd() > baseSize) {
				throw new IllegalArgumentException("region " + region + " reads past the end of the base ("
						+ baseSize + " bytes)");
			}
		}
		for (Region region : plan.regions()) {
			copy(base, region.sourceOffset(), region.length(), target, region.destinationOffset());
		}
		writeLiterals(plan, literals, target);
		target.truncate(plan.size());
	}

	/** Writes a plan's literal bytes into {@code target} at their offsets, leaving the rest of it as it is. */
	public static void writeLiterals(Plan plan, LiteralSource literals, FileChannel target) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
		for (Literal literal : plan.literals()) {
			long done = 0;
			while (done < literal.length()) {
				buffer.clear().limit((int) Math.min(BUFFER, literal.length() - done));
				literals.read(literal.destinationOffset() + done, buffer);
				buffer.flip();
				done += writeFully(target, literal.destinationOffset() + done, buffer);
			}
		}
	}

	/** Copies with positional kernel copies (copy_file_range on JDK 20+, reflinks where the filesystem can). */
	private static void copy(FileChannel from, long position, long length, FileChannel to, long at)
			throws IOException {
		long done = 0;
		while (done < length) {
			to.position(at + done);
			long n = from.transferTo(position + done, length - done, to);
			if (n <= 0) {
				throw new EOFException("base ended at " + (position + done));
			}
			done += n;
		}
	}

	private static int writeFully(FileChannel channel, long position, ByteBuffer buffer) throws IOException {
		int total = 0;
		while (buffer.hasRemaining()) {
			int n = channel.write(buffer, position + total);
			total += n;
		}
		return total;
	}

}
