package dev.gathercopy.agent.plan;

import java.io.IOException;
import java.util.Arrays;

/** One random edit; its places are fractions of the file size at the time it is applied, so any edit fits any file. */
record Edit(Kind kind, double at, double to, int length, long seed) {

	enum Kind {

		INSERT, DELETE, REPLACE, MOVE, COPY

	}

	/** Applies the edit to the model and, when there is one, to the edit log, as the agent would record it. */
	void apply(EditModel model, EditLog log) throws IOException {
		int size = model.size();
		switch (this.kind) {
			case INSERT -> {
				int offset = place(this.at, size);
				byte[] bytes = TestFiles.random(this.seed, this.length);
				model.insert(offset, bytes);
				if (log != null) {
					log.insert(offset, bytes);
				}
			}
			case DELETE -> {
				if (size > 0) {
					int offset = place(this.at, size - 1);
					int length = Math.min(this.length, size - offset);
					model.delete(offset, length);
					if (log != null) {
						log.delete(offset, length);
					}
				}
			}
			case REPLACE -> {
				int offset = place(this.at, size);
				byte[] bytes = TestFiles.random(this.seed, this.length);
				model.replace(offset, bytes);
				if (log != null) {
					log.replace(offset, bytes);
				}
			}
			case MOVE -> {
				if (size > 0) {
					int from = place(this.at, size - 1);
					int length = Math.min(this.length, size - from);
					int destination = place(this.to, size - length);
					byte[] moved = Arrays.copyOfRange(model.content(), from, from + length);
					model.move(from, length, destination);
					if (log != null) {
						log.delete(from, length);
						log.insert(destination, moved);
					}
				}
			}
			case COPY -> {
				if (size > 0) {
					int from = place(this.at, size - 1);
					int length = Math.min(this.length, size - from);
					int destination = place(this.to, size);
					byte[] copied = Arrays.copyOfRange(model.content(), from, from + length);
					model.copy(from, length, destination);
					if (log != null) {
						log.insert(destination, copied);
					}
				}
			}
		}
	}

	/** An offset in {@code [0, max]}. */
	private static int place(double fraction, int max) {
		return (int) Math.min(max, Math.floor(fraction * (max + 1)));
	}

}
