package dev.gathercopy.agent.plan;

import java.io.IOException;
import java.util.Arrays;

/** Counts how many bytes of the working file equal the base's, from a pair of offsets forwards or backwards. */
final class RunComparer {

	private static final int FIRST_STEP_BACK = 256;

	private final FileWindow work;

	private final FileWindow base;

	RunComparer(FileWindow work, FileWindow base) {
		this.work = work;
		this.base = base;
	}

	FileWindow work() {
		return this.work;
	}

	FileWindow base() {
		return this.base;
	}

	/** Equal bytes from {@code workAt} and {@code baseAt} on, stopping at {@code workLimit} or either file's end. */
	long forward(long workAt, long baseAt, long workLimit) throws IOException {
		long max = Math.min(workLimit - workAt, this.base.size() - baseAt);
		int most = this.work.capacity() / 2;
		long done = 0;
		while (done < max) {
			int wanted = (int) Math.min(max - done, most);
			int w = this.work.at(workAt + done, wanted);
			int b = this.base.at(baseAt + done, wanted);
			int chunk = Math.min(wanted, Math.min(this.work.available(workAt + done), this.base.available(baseAt + done)));
			int mismatch = Arrays.mismatch(this.work.bytes(), w, w + chunk, this.base.bytes(), b, b + chunk);
			if (mismatch >= 0) {
				return done + mismatch;
			}
			done += chunk;
		}
		return done;
	}

	/**
	 * Equal bytes just before {@code workAt} and {@code baseAt}, going back no further than {@code workLimit} or either
	 * file's start. The first step is short, as most runs back are.
	 */
	long backward(long workAt, long baseAt, long workLimit) throws IOException {
		long max = Math.min(workAt - workLimit, baseAt);
		int most = this.work.capacity() / 2;
		long done = 0;
		while (done < max) {
			int wanted = (int) Math.min(max - done, Math.max(FIRST_STEP_BACK, Math.min(done, most)));
			int w = this.work.before(workAt - done, wanted);
			int b = this.base.before(baseAt - done, wanted);
			byte[] workBytes = this.work.bytes();
			byte[] baseBytes = this.base.bytes();
			for (int k = 1; k <= wanted; k++) {
				if (workBytes[w - k] != baseBytes[b - k]) {
					return done + k - 1;
				}
			}
			done += wanted;
		}
		return done;
	}

}
