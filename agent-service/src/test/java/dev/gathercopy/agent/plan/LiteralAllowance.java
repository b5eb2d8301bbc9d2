package dev.gathercopy.agent.plan;

import java.util.List;

import dev.gathercopy.agent.plan.EditModel.Segment;

/**
 * How many literal bytes a diff plan may take for a model of edits on random data: the true changed bytes plus 64 per
 * changed spot. Base runs count as changed when the planner's stated reach does not cover them: a run is surely found
 * when it holds a whole index block, or when it is at least 32 bytes long and lies within reach in the base of a found
 * run next to it (with only new bytes between), the start and end of the files counting as found runs.
 */
final class LiteralAllowance {

	static final int PER_SPOT = 64;

	/** Room for a found run to end a few bytes off where the model says, when bytes agree by chance. */
	private static final int SLACK = 64;

	private LiteralAllowance() {
	}

	static long of(EditModel model, long baseSize, int blockSize) {
		return model.newBytes() + unreachableBytes(model.segments(), baseSize, blockSize) + PER_SPOT * model.spots();
	}

	/** Bytes of base runs at least 32 long that no chain of found neighbours within reach leads to. */
	static long unreachableBytes(List<Segment> segments, long baseSize, int blockSize) {
		boolean[] found = new boolean[segments.size()];
		for (int i = 0; i < segments.size(); i++) {
			found[i] = segments.get(i).fromBase() && holdsWholeBlock(segments.get(i), baseSize, blockSize);
		}
		boolean grew = true;
		while (grew) {
			grew = false;
			for (int i = 0; i < segments.size(); i++) {
				Segment segment = segments.get(i);
				if (segment.fromBase() && !found[i] && segment.length() >= GapFiller.MIN_RUN
						&& (nearLeft(segments, found, i) || nearRight(segments, found, i, baseSize))) {
					found[i] = true;
					grew = true;
				}
			}
		}
		long bytes = 0;
		for (int i = 0; i < segments.size(); i++) {
			Segment segment = segments.get(i);
			if (segment.fromBase() && !found[i] && segment.length() >= GapFiller.MIN_RUN) {
				bytes += segment.length();
			}
		}
		return bytes;
	}

	private static boolean holdsWholeBlock(Segment segment, long baseSize, int blockSize) {
		long first = (segment.source() + blockSize - 1) / blockSize * blockSize;
		return first + blockSize <= segment.sourceEnd() && first + blockSize <= baseSize;
	}

	private static boolean nearLeft(List<Segment> segments, boolean[] found, int i) {
		int j = i - 1;
		while (j >= 0 && !segments.get(j).fromBase()) {
			j--;
		}
		if (j >= 0 && !found[j]) {
			return false;
		}
		long anchor = (j < 0) ? 0 : segments.get(j).sourceEnd();
		return within(segments.get(i), anchor);
	}

	private static boolean nearRight(List<Segment> segments, boolean[] found, int i, long baseSize) {
		int j = i + 1;
		while (j < segments.size() && !segments.get(j).fromBase()) {
			j++;
		}
		if (j < segments.size() && !found[j]) {
			return false;
		}
		long anchor = (j == segments.size()) ? baseSize : segments.get(j).source();
		return within(segments.get(i), anchor);
	}

	private static boolean within(Segment segment, long anchor) {
		long reach = GapFiller.REACH - SLACK;
		return segment.source() >= anchor - reach && segment.sourceEnd() <= anchor + reach;
	}

}
