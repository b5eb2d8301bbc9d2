package dev.gathercopy.web.range;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** The bytes of a file that a GET or HEAD asks for: all of them, or the one range its {@code Range} header names. */
public record ByteRange(long start, long length, boolean partial) {

	private static final int COPY_BUFFER = 256 * 1024;

	/**
	 * The range a {@code Range} header asks of a file of size bytes; empty when it starts at or past the end. No
	 * header, several ranges, or one that cannot be parsed ask for the whole file.
	 */
	public static Optional<ByteRange> of(String header, long size) {
		List<HttpRange> ranges = parse(header);
		if (ranges.size() != 1) {
			return Optional.of(new ByteRange(0, size, false));
		}
		long start = 0;
		long length;
		try {
			start = ranges.get(0).getRangeStart(size);
			length = ranges.get(0).getRangeEnd(size) - start + 1;
		}
		catch (IllegalArgumentException ex) {
			length = 0;
		}
		return (start >= size || length <= 0) ? Optional.empty() : Optional.of(new ByteRange(start, length, true));
	}

	/** Tells the client of a refused range the file's size, for the 416 that follows. */
	public static void refuse(HttpServletResponse response, long size) {
		response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
	}

	/** Answers 206 with its {@code Content-Range} for a part of a file of size bytes; the whole file keeps 200. */
	public void status(HttpServletResponse response, long size) {
		if (this.partial) {
			response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
			response.setHeader(HttpHeaders.CONTENT_RANGE,
					"bytes " + this.start + "-" + (this.start + this.length - 1) + "/" + size);
		}
	}

	/** Sends these bytes of channel as the body, or only their type and length for a HEAD. */
	public void send(FileChannel channel, HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
		response.setContentLengthLong(this.length);
		if (!"HEAD".equals(request.getMethod())) {
			copy(channel, response.getOutputStream());
		}
	}

	private void copy(FileChannel channel, OutputStream out) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(COPY_BUFFER, Math.max(this.length, 1)));
		long position = this.start;
		long end = this.start + this.length;
		while (position < end) {
			buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
			int n = channel.read(buffer, position);
			if (n < 0) {
				break;
			}
			out.write(buffer.array(), 0, n);
			position += n;
		}
	}

	private static List<HttpRange> parse(String header) {
		if (header == null) {
			return List.of();
		}
		try {
			return HttpRange.parseRanges(header);
		}
		catch (IllegalArgumentException ex) {
			return List.of();
		}
	}

}
