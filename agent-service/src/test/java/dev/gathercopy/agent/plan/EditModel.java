package dev.gathercopy.agent.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain reference of what a sequence of edits makes of a base: the bytes of the new file, where each run of them
 * came from, and how many changed spots the edits made.
 */
final class EditModel {

	/** A run of the new file: {@code length} bytes of the base from {@code source}, or new bytes when it is -1. */
	record Segment(long source, int length) {

		boolean fromBase() {
			return this.source >= 0;
		}

		long sourceEnd() {
			return this.source + this.length;
		}

	}

	private final boolean movesAsNewBytes;

	private byte[] content;

	private final List<Segment> segments = new ArrayList<>();

	private int spots;

	/**
	 * A model of {@code base} with no edits; with {@code movesAsNewBytes} a moved or copied run counts as written
	 * anew, as it does in an edit log.
	 */
	EditModel(byte[] base, boolean movesAsNewBytes) {
		this.movesAsNewBytes = movesAsNewBytes;
		this.content = base.clone();
		if (base.length > 0) {
			this.segments.add(new Segment(0, base.length));
		}
	}

	byte[] content() {
		return this.content;
	}

	int size() {
		return this.content.length;
	}

	/** One spot per insert, delete or replace; three per move (where it left and its two edges); two per copy. */
	int spots() {
		return this.spots;
	}

	void insert(int at, byte[] bytes) {
		if (bytes.length == 0) {
			return;
		}
		this.content = concat(slice(0, at), bytes, slice(at, size()));
		this.segments.add(split(at), new Segment(-1, bytes.length));
		this.spots++;
	}

	void delete(int at, int length) {
		if (length == 0) {
			return;
		}
		this.content = concat(slice(0, at), slice(at + length, size()));
		cut(at, length);
		this.spots++;
	}

	void replace(int at, byte[] bytes) {
		if (bytes.length == 0) {
			return;
		}
		int replaced = Math.min(bytes.length, size() - at);
		this.content = concat(slice(0, at), bytes, slice(at + replaced, size()));
		cut(at, replaced);
		this.segments.add(split(at), new Segment(-1, bytes.length));
		this.spots++;
	}

	/** Moves {@code length} bytes at {@code from} to {@code to}, an offset in the file without them. */
	void move(int from, int length, int to) {
		if (length == 0) {
			return;
		}
		byte[] moved = slice(from, from + length);
		List<Segment> runs = this.movesAsNewBytes ? List.of(new Segment(-1, length)) : cut(from, length);
		if (this.movesAsNewBytes) {
			cut(from, length);
		}
		this.content = concat(slice(0, from), slice(from + length, size()));
		this.content = concat(slice(0, to), moved, slice(to, size()));
		this.segments.addAll(split(to), runs);
		this.spots += 3;
	}

	/** Puts a copy of {@code length} bytes at {@code from} in at {@code to}. */
	void copy(int from, int length, int to) {
		if (length == 0) {
			return;
		}
		byte[] copied = slice(from, from + length);
		List<Segment> runs = this.movesAsNewBytes ? List.of(new Segment(-1, length)) : runsOf(from, length);
		this.content = concat(slice(0, to), copied, slice(to, size()));
		this.segments.addAll(split(to), runs);
		this.spots += 2;
	}

	/** The runs of the new file, with base runs that continue each other and neighbouring new runs merged. */
	List<Segment> segments() {
		List<Segment> merged = new ArrayList<>();
		for (Segment segment : this.segments) {
			if (!merged.isEmpty()) {
				Segment last = merged.get(merged.size() - 1);
				boolean continues = last.fromBase() ? segment.source() == last.sourceEnd() : !segment.fromBase();
				if (continues) {
					merged.set(merged.size() - 1, new Segment(last.source(), last.length() + segment.length()));
					continue;
				}
			}
			merged.add(segment);
		}
		return merged;
	}

	/** Bytes of the new file that were written rather than taken from the base. */
	long newBytes() {
		return this.segments.stream().filter(s -> !s.fromBase()).mapToLong(Segment::length).sum();
	}

	private List<Segment> runsOf(int from, int length) {
		List<Segment> runs = new ArrayList<>();
		int start = split(from);
		int end = split(from + length);
		for (Segment segment : this.segments.subList(start, end)) {
			runs.add(segment);
		}
		return runs;
	}

	/** Removes {@code length} bytes at {@code at} from the segments and returns the runs removed. */
	private List<Segment> cut(int at, int length) {
		int start = split(at);
		int end = split(at + length);
		List<Segment> removed = new ArrayList<>(this.segments.subList(start, end));
		this.segments.subList(start, end).clear();
		return removed;
	}

	/** Makes a segment start at {@code offset} and returns its index. */
	private int split(int offset) {
		int position = 0;
		for (int i = 0; i < this.segments.size(); i++) {
			Segment segment = this.segments.get(i);
			if (position == offset) {
				return i;
			}
			if (offset < position + segment.length()) {
				int head = offset - position;
				long tailSource = segment.fromBase() ? segment.source() + head : -1;
				this.segments.set(i, new Segment(segment.source(), head));
				this.segments.add(i + 1, new Segment(tailSource, segment.length() - head));
				return i + 1;
			}
			position += segment.length();
		}
		return this.segments.size();
	}

	private byte[] slice(int from, int to) {
		return Arrays.copyOfRange(this.content, from, to);
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] joined = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, joined, at, part.length);
			at += part.length;
		}
		return joined;
	}

}
