package dev.gathercopy.storage.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 written byte for byte over a fresh loopback socket, so that a test can send what no well-behaved client
 * would: raw dots and backslashes in the target, broken header lines, lengths that lie. A request that the server
 * leaves hanging fails after the read timeout instead of blocking the test.
 */
public final class RawHttp {

	static final int READ_TIMEOUT_MILLIS = 10_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	/** A request with {@code Host}, {@code Connection: close} and, with a body, its {@code Content-Length} added. */
	public static byte[] request(String method, String target, List<String> headers, byte[] body) {
		StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
		head.append("Host: 127.0.0.1\r\n");
		boolean lengthGiven = headers.stream().anyMatch((h) -> h.regionMatches(true, 0, "Content-Length:", 0, 15)
				|| h.regionMatches(true, 0, "Transfer-Encoding:", 0, 18));
		for (String header : headers) {
			head.append(header).append("\r\n");
		}
		if (body != null && !lengthGiven) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		head.append("Connection: close\r\n\r\n");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		if (body != null) {
			out.writeBytes(body);
		}
		return out.toByteArray();
	}

	public Answer send(byte[] request) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 5000);
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			Thread writer = new Thread(() -> {
				try {
					OutputStream out = socket.getOutputStream();
					out.write(request);
					out.flush();
				}
				catch (IOException ex) {
					// the server answered and closed before taking the whole body: the answer is what counts
				}
			}, "raw-http-writer");
			writer.setDaemon(true);
			writer.start();
			byte[] response = readAll(socket.getInputStream());
			try {
				writer.join(READ_TIMEOUT_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return Answer.parse(response);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[16 * 1024];
		try {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				out.write(buffer, 0, n);
			}
		}
		catch (java.net.SocketException ex) {
			if (out.size() == 0) {
				throw ex;
			}
		}
		return out.toByteArray();
	}

	/** A parsed response: status, headers (lower-case names) and the body, de-chunked. */
	public record Answer(int status, Map<String, String> headers, byte[] body) {

		static Answer parse(byte[] raw) throws IOException {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			if (!text.startsWith("HTTP/1.1 ") || end < 0) {
				throw new IOException("not an HTTP response: " + text.substring(0, Math.min(200, text.length())));
			}
			String[] lines = text.substring(0, end).split("\r\n");
			int status = Integer.parseInt(lines[0].substring(9, 12));
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
			}
			byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				body = dechunk(body);
			}
			return new Answer(status, headers, body);
		}

		private static byte[] dechunk(byte[] chunked) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int at = 0;
			while (at < chunked.length) {
				int lineEnd = indexOfCrlf(chunked, at);
				if (lineEnd < 0) {
					break;
				}
				String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
				int length = Integer.parseInt(size, 16);
				if (length == 0) {
					break;
				}
				out.write(chunked, lineEnd + 2, Math.min(length, chunked.length - lineEnd - 2));
				at = lineEnd + 2 + length + 2;
			}
			return out.toByteArray();
		}

		private static int indexOfCrlf(byte[] bytes, int from) {
			for (int i = from; i + 1 < bytes.length; i++) {
				if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
					return i;
				}
			}
			return -1;
		}

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		/** The problem {@code type}, or null unless the answer is {@code application/problem+json} with one. */
		public String problemType() {
			String contentType = this.headers.getOrDefault("content-type", "");
			if (!contentType.startsWith("application/problem+json")) {
				return null;
			}
			try {
				JsonNode type = JSON.readTree(this.body).get("type");
				return (type != null && type.isString()) ? type.asString() : null;
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

		@Override
		public String toString() {
			String text = text();
			return this.status + " " + this.headers.getOrDefault("content-type", "-") + " "
					+ text.substring(0, Math.min(240, text.length()));
		}

	}

}
