package dev.gathercopy.storage.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.gathercopy.storage.file.ChannelCopier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to copy one whole file into a new empty file, either region by region with {@link ChannelCopier} (what a
 * gather-copy runs) or with {@code cp}, in the same run and with the same page cache state: the source is written once,
 * synced and read whole before the trial (warm), and each copy goes to a fresh file that is deleted afterwards, with no
 * fsync timed for either. The folder and size come from the system properties {@code bench.dir} and {@code bench.size}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class CopyBenchmark {

	/** The copier's buffer size, as in the service. */
	private static final int BUFFER = 1 << 20;

	/** The source file, warm in the page cache, and the target path each copy starts afresh. */
	@State(Scope.Benchmark)
	public static class Workspace {

		Path source;

		Path target;

		long size;

		@Setup(Level.Trial)
		public void prepare() throws IOException {
			Path dir = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
			this.size = size();
			this.source = dir.resolve("source-" + this.size);
			this.target = dir.resolve("target");
			if (!Files.exists(this.source) || Files.size(this.source) != this.size) {
				write(this.source, this.size);
			}
			readWhole(this.source);
		}

		/** Removes the last copy and lets the filesystem finish the work that left behind, outside the timing. */
		@Setup(Level.Invocation)
		public void clear() throws IOException, InterruptedException {
			Files.deleteIfExists(this.target);
			run("sync", "-f", this.source.toString());
		}

		@TearDown(Level.Trial)
		public void removeTarget() throws IOException {
			Files.deleteIfExists(this.target);
		}

		private static void write(Path file, long size) throws IOException {
			SplittableRandom random = new SplittableRandom(size);
			ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
			try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE,
					StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
				for (long position = 0; position < size; position += buffer.limit()) {
					buffer.clear();
					while (buffer.remaining() >= Long.BYTES) {
						buffer.putLong(random.nextLong());
					}
					buffer.flip().limit((int) Math.min(buffer.limit(), size - position));
					while (buffer.hasRemaining()) {
						out.write(buffer, position + buffer.position());
					}
				}
				out.force(true);
			}
		}

		private static void readWhole(Path file) throws IOException {
			ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
			try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
				long position = 0;
				int n;
				while ((n = in.read(buffer.clear(), position)) > 0) {
					position += n;
				}
			}
		}

	}

	/** Regions of one size covering the source, in file order or shuffled, landing congruent modulo 4096 or not. */
	@State(Scope.Benchmark)
	public static class Layout {

		/** Region size in bytes, or {@code whole} for one region spanning the file. */
		@Param({ "4096", "65536", "1048576", "whole" })
		public String region;

		@Param({ "sequential", "shuffled" })
		public String order;

		/** {@code congruent}: target offset equals source offset; {@code shifted}: one byte further. */
		@Param({ "congruent", "shifted" })
		public String alignment;

		/** The copier's kernel threshold: the service's default unless a sweep forces one path for every region. */
		@Param({ "65536" })
		public long threshold;

		long[] offsets;

		long length;

		long shift;

		@Setup(Level.Trial)
		public void plan() {
			long size = size();
			this.length = "whole".equals(this.region) ? size : Long.parseLong(this.region);
			List<Long> starts = new ArrayList<>();
			for (long offset = 0; offset < size; offset += this.length) {
				starts.add(offset);
			}
			if ("shuffled".equals(this.order)) {
				Collections.shuffle(starts, new Random(42));
			}
			this.offsets = starts.stream().mapToLong(Long::longValue).toArray();
			this.shift = "shifted".equals(this.alignment) ? 1 : 0;
		}

	}

	/** How {@code cp} is asked to copy: {@code never} to reflink, or with its default ({@code auto} in coreutils 9). */
	@State(Scope.Benchmark)
	public static class CpMode {

		@Param({ "never", "default" })
		public String reflink;

	}

	@Benchmark
	public long channelCopier(Workspace workspace, Layout layout) throws IOException {
		try (FileChannel in = FileChannel.open(workspace.source, StandardOpenOption.READ);
				FileChannel out = FileChannel.open(workspace.target, StandardOpenOption.CREATE_NEW,
						StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			ChannelCopier copier = new ChannelCopier(layout.threshold, BUFFER);
			for (long from : layout.offsets) {
				copier.copy(in, from, out, from + layout.shift, Math.min(layout.length, workspace.size - from), false);
			}
			return out.size();
		}
	}

	@Benchmark
	public int cp(Workspace workspace, CpMode mode) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("cp"));
		if (!"default".equals(mode.reflink)) {
			command.add("--reflink=" + mode.reflink);
		}
		command.add(workspace.source.toString());
		command.add(workspace.target.toString());
		return run(command.toArray(String[]::new));
	}

	static int run(String... command) throws IOException, InterruptedException {
		int status = new ProcessBuilder(command).inheritIO().start().waitFor();
		if (status != 0) {
			throw new IOException(String.join(" ", command) + " exited with " + status);
		}
		return status;
	}

	static long size() {
		return Long.getLong("bench.size", 1L << 30);
	}

}
