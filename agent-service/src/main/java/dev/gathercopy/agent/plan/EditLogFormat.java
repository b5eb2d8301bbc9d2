package dev.gathercopy.agent.plan;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The saved form of an edit log: a magic number, a version, the base size, the file size and the piece count, then
 * each piece as a kind byte and two variable-length numbers, then a CRC-32 of all of it.
 */
final class EditLogFormat {

	private static final int MAGIC = 0x4743454c;

	private static final int VERSION = 1;

	private static final int BASE = 0;

	private static final int ADDED = 1;

	private EditLogFormat() {
	}

	static void write(long baseSize, PieceTree pieces, OutputStream out) throws IOException {
		CRC32 crc = new CRC32();
		BufferedOutputStream buffered = new BufferedOutputStream(out);
		DataOutputStream data = new DataOutputStream(new CheckedOutputStream(buffered, crc));
		data.writeInt(MAGIC);
		data.writeByte(VERSION);
		writeNumber(data, baseSize);
		writeNumber(data, pieces.size());
		writeNumber(data, pieces.pieceCount());
		pieces.visitFrom(0, (position, added, start, length) -> {
			data.writeByte(added ? ADDED : BASE);
			writeNumber(data, start);
			writeNumber(data, length);
			return true;
		});
		data.flush();
		new DataOutputStream(buffered).writeInt((int) crc.getValue());
		buffered.flush();
	}

	/**
	 * Reads pieces into an empty tree and returns the base size, refusing anything that does not add up. Reads ahead
	 * of what it needs, so the stream should hold nothing else after the edit log.
	 */
	static long read(InputStream in, PieceTree pieces, long addedSize) throws IOException {
		CRC32 crc = new CRC32();
		BufferedInputStream buffered = new BufferedInputStream(in);
		DataInputStream data = new DataInputStream(new CheckedInputStream(buffered, crc));
		try {
			if (data.readInt() != MAGIC) {
				throw corrupt("it does not start with the edit log magic number");
			}
			int version = data.readUnsignedByte();
			if (version != VERSION) {
				throw corrupt("version " + version + " is not " + VERSION);
			}
			long baseSize = readNumber(data);
			long size = readNumber(data);
			long count = readNumber(data);
			long total = 0;
			for (long i = 0; i < count; i++) {
				int kind = data.readUnsignedByte();
				long start = readNumber(data);
				long length = readNumber(data);
				long limit = switch (kind) {
					case BASE -> baseSize;
					case ADDED -> addedSize;
					default -> throw corrupt("piece " + i + " has unknown kind " + kind);
				};
				if (length == 0 || start > limit - length) {
					throw corrupt("piece " + i + " (" + length + " bytes at " + start + ") lies outside its "
							+ ((kind == BASE) ? "base" : "add buffer") + " of " + limit + " bytes");
				}
				total += length;
				if (total < 0 || total > size) {
					throw corrupt("pieces add up to more than the file size " + size);
				}
				pieces.append(kind == ADDED, start, length);
			}
			if (total != size) {
				throw corrupt("pieces add up to " + total + " bytes, not the file size " + size);
			}
			long expected = crc.getValue();
			if (new DataInputStream(buffered).readInt() != (int) expected) {
				throw corrupt("its checksum does not match");
			}
			return baseSize;
		}
		catch (EOFException ex) {
			throw corrupt("it ends too early");
		}
	}

	private static IOException corrupt(String reason) {
		return new IOException("saved edit log is unusable: " + reason);
	}

	private static void writeNumber(DataOutputStream out, long value) throws IOException {
		long rest = value;
		while ((rest & ~0x7fL) != 0) {
			out.writeByte((int) ((rest & 0x7f) | 0x80));
			rest >>>= 7;
		}
		out.writeByte((int) rest);
	}

	private static long readNumber(DataInputStream in) throws IOException {
		long value = 0;
		for (int shift = 0; shift < 63; shift += 7) {
			int b = in.readUnsignedByte();
			value |= (long) (b & 0x7f) << shift;
			if ((b & 0x80) == 0) {
				return value;
			}
		}
		throw corrupt("a number is out of range");
	}

}
