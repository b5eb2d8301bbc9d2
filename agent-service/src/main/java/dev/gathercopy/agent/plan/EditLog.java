package dev.gathercopy.agent.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A piece table over the base: the edits made to a file since its base version, kept as pieces of the base and
 * pieces of an {@link AddBuffer} that holds the bytes written. The plan falls out of the pieces without reading any
 * file. One writer at a time.
 */
public final class EditLog {

	private final long baseSize;

	private final AddBuffer added;

	private final PieceTree pieces;

	/** An edit log of a file whose base version has {@code baseSize} bytes and no edits yet. */
	public EditLog(long baseSize, AddBuffer added) {
		this(baseSize, added, new PieceTree());
		if (baseSize < 0) {
			throw new IllegalArgumentException("base size must not be negative: " + baseSize);
		}
		this.pieces.append(false, 0, baseSize);
	}

	EditLog(long baseSize, AddBuffer added, PieceTree pieces) {
		this.baseSize = baseSize;
		this.added = Objects.requireNonNull(added, "added");
		this.pieces = pieces;
	}

	public long baseSize() {
		return this.baseSize;
	}

	/** The size of the file with all edits applied. */
	public long size() {
		return this.pieces.size();
	}

	public int pieceCount() {
		return this.pieces.pieceCount();
	}

	public void insert(long offset, byte[] bytes) throws IOException {
		insert(offset, bytes, 0, bytes.length);
	}

	/** Inserts bytes at {@code offset}, which must lie within {@code [0, size()]}. */
	public void insert(long offset, byte[] bytes, int from, int length) throws IOException {
		checkOffset("insert", offset);
		Objects.checkFromIndexSize(from, length, bytes.length);
		if (length > 0) {
			this.pieces.insert(offset, true, this.added.append(bytes, from, length), length);
		}
	}

	/** Removes {@code length} bytes at {@code offset}; the range must lie within the file. */
	public void delete(long offset, long length) {
		checkOffset("delete", offset);
		if (length < 0) {
			throw new IllegalArgumentException("delete length must not be negative: " + length);
		}
		if (length > size() - offset) {
			throw new IndexOutOfBoundsException("delete of " + length + " bytes at " + offset
					+ " runs past the end of the file (" + size() + " bytes)");
		}
		if (length > 0) {
			this.pieces.delete(offset, length);
		}
	}

	/**
	 * Inserts at {@code offset} (within {@code [0, size()]}) the {@code length} bytes of the base from
	 * {@code sourceOffset}: a piece of the base, which the plan copies rather than sends.
	 */
	public void copy(long offset, long sourceOffset, long length) {
		checkOffset("copy", offset);
		if (sourceOffset < 0 || length < 0 || sourceOffset > this.baseSize - length) {
			throw new IndexOutOfBoundsException("copy of " + length + " bytes from " + sourceOffset
					+ " lies outside the base [0, " + this.baseSize + "]");
		}
		if (length > 0) {
			this.pieces.insert(offset, false, sourceOffset, length);
		}
	}

	public void replace(long offset, byte[] bytes) throws IOException {
		replace(offset, bytes, 0, bytes.length);
	}

	/**
	 * Overwrites bytes from {@code offset}, which must lie within {@code [0, size()]}; writing past the end grows the
	 * file.
	 */
	public void replace(long offset, byte[] bytes, int from, int length) throws IOException {
		checkOffset("replace", offset);
		Objects.checkFromIndexSize(from, length, bytes.length);
		if (length > 0) {
			this.pieces.replace(offset, true, this.added.append(bytes, from, length), length);
		}
	}

	/** The plan of the edited file: base pieces become regions and added pieces literals. */
	public Plan plan() {
		PlanBuilder plan = new PlanBuilder();
		try {
			this.pieces.visitFrom(0, (position, added, start, length) -> {
				if (added) {
					plan.literal(position, length);
				}
				else {
					plan.region(start, position, length);
				}
				return true;
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return plan.build(Plan.EDIT_LOG);
	}

	/** The edited file's added bytes, read from the add buffer: what a plan's literals hold. */
	public LiteralSource literals() {
		return this::readAdded;
	}

	/** Saves the pieces in a compact form that {@link #readFrom} loads back over the same add buffer. */
	public void writeTo(OutputStream out) throws IOException {
		EditLogFormat.write(this.baseSize, this.pieces, out);
	}

	/**
	 * Loads an edit log saved by {@link #writeTo}; every added piece must lie within {@code added}, so save after
	 * {@link AddBuffer#force()} to survive a crash. Reads ahead, so the stream should hold nothing after the edit log;
	 * a damaged or truncated one is refused with an {@link IOException} saying what is wrong.
	 */
	public static EditLog readFrom(InputStream in, AddBuffer added) throws IOException {
		PieceTree pieces = new PieceTree();
		long baseSize = EditLogFormat.read(in, pieces, added.size());
		return new EditLog(baseSize, added, pieces);
	}

	private void readAdded(long offset, ByteBuffer target) throws IOException {
		if (offset < 0 || target.remaining() > size() - offset) {
			throw new IndexOutOfBoundsException("cannot read " + target.remaining() + " bytes at " + offset
					+ " of a file of " + size() + " bytes");
		}
		this.pieces.visitFrom(offset, (position, added, start, length) -> {
			if (!target.hasRemaining()) {
				return false;
			}
			long skip = Math.max(0, offset - position);
			if (!added) {
				throw new IllegalArgumentException("bytes at " + (position + skip) + " come from the base, not the "
						+ "add buffer");
			}
			int chunk = (int) Math.min(target.remaining(), length - skip);
			ByteBuffer slice = target.duplicate();
			slice.limit(slice.position() + chunk);
			this.added.read(start + skip, slice);
			target.position(target.position() + chunk);
			return target.hasRemaining();
		});
	}

	private void checkOffset(String edit, long offset) {
		if (offset < 0 || offset > size()) {
			throw new IndexOutOfBoundsException(edit + " offset " + offset + " lies outside the file [0, " + size()
					+ "]");
		}
	}

}
