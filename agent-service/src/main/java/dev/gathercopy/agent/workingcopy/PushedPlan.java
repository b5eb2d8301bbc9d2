package dev.gathercopy.agent.workingcopy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.gathercopy.agent.plan.Literal;
import dev.gathercopy.agent.plan.LiteralSource;
import dev.gathercopy.agent.plan.Plan;
import dev.gathercopy.agent.plan.PlanApplier;
import dev.gathercopy.agent.plan.Region;

/**
 * The plan a push sent under a write handle, kept beside the literal bytes as they went out (concatenated in plan
 * order), so that the base can be brought to the committed version from the old base alone, whatever the working file
 * holds by then.
 */
record PushedPlan(String writeHandle, Plan plan) {

	private static final int FORMAT = 1;

	/** Whether the plan leaves every reused byte where it was and does not shrink the base: a patch in place. */
	boolean inPlaceOver(long baseSize) {
		return this.plan.size() >= baseSize && this.plan.regions()
			.stream()
			.allMatch((region) -> region.sourceOffset() == region.destinationOffset());
	}

	/** Writes the literal bytes over the base at their offsets: repeating it after a crash gives the same file. */
	void patch(Path base, Path literals) throws IOException {
		try (FileChannel sent = FileChannel.open(literals, StandardOpenOption.READ);
				FileChannel target = FileChannel.open(base, StandardOpenOption.WRITE)) {
			PlanApplier.writeLiterals(this.plan, LiteralSource.concatenated(sent, this.plan.literals()), target);
			target.truncate(this.plan.size());
		}
	}

	/** Writes the new version into {@code target} from the old base's regions and the literal bytes. */
	void rebuild(Path base, Path literals, Path target) throws IOException {
		try (FileChannel from = FileChannel.open(base, StandardOpenOption.READ);
				FileChannel sent = FileChannel.open(literals, StandardOpenOption.READ);
				FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
						StandardOpenOption.TRUNCATE_EXISTING)) {
			PlanApplier.rebuild(from, this.plan, LiteralSource.concatenated(sent, this.plan.literals()), out);
		}
	}

	/** Saves the plan whole (a temporary file renamed into place), or not at all. */
	void save(Path file) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary)))) {
			out.writeInt(FORMAT);
			out.writeUTF(this.writeHandle);
			out.writeUTF(this.plan.method());
			out.writeLong(this.plan.size());
			out.writeInt(this.plan.regionCount());
			for (Region region : this.plan.regions()) {
				out.writeLong(region.sourceOffset());
				out.writeLong(region.destinationOffset());
				out.writeLong(region.length());
			}
			out.writeInt(this.plan.literalCount());
			for (Literal literal : this.plan.literals()) {
				out.writeLong(literal.destinationOffset());
				out.writeLong(literal.length());
			}
		}
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	/** The plan saved in {@code file}, or empty when there is none. */
	static Optional<PushedPlan> load(Path file) throws IOException {
		try (InputStream stream = Files.newInputStream(file);
				DataInputStream in = new DataInputStream(new BufferedInputStream(stream))) {
			if (in.readInt() != FORMAT) {
				return Optional.empty();
			}
			String writeHandle = in.readUTF();
			String method = in.readUTF();
			long size = in.readLong();
			List<Region> regions = new ArrayList<>();
			for (int n = in.readInt(); n > 0; n--) {
				regions.add(new Region(in.readLong(), in.readLong(), in.readLong()));
			}
			List<Literal> literals = new ArrayList<>();
			for (int n = in.readInt(); n > 0; n--) {
				literals.add(new Literal(in.readLong(), in.readLong()));
			}
			return Optional.of(new PushedPlan(writeHandle, new Plan(method, size, regions, literals)));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
	}

}
