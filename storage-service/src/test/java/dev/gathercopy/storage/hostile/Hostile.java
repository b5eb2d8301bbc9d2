package dev.gathercopy.storage.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Seeded hostile inputs. Every value a generator calls a "killer" must make the request it lands in fail on its own,
 * whatever the rest of the request holds; the other values may be anything, valid ones included.
 */
final class Hostile {

	/** Path segments, as they travel in a request target, that no valid request may contain. */
	static final List<String> KILLER_SEGMENTS = List.of("..", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "%c0%ae%c0%ae",
			"%e0%80%ae%e0%80%ae", "%c0%2e%c0%2e", "%ef%bc%8e%ef%bc%8e", "%ef%bc%8e", "%e2%80%a5", "%e2%80%a4%e2%80%a4",
			"%ef%b9%92", "a%ef%bc%8fb", "%ef%bc%bc", "a%5cb", "%5c..", "%5C", "a%00b", "%00", "a%0ab", "%0d%0a", "%7f",
			"%c0%af", "%e0%80%af", "%ff", "%2e%2e%2f%2e%2e", "..%2f", "%2e%2e%5c", "..%5c..", "a".repeat(256),
			"%e2%80%a5%2fsentinel");

	/** Path segments that may or may not be valid alone. */
	static final List<String> OTHER_SEGMENTS = List.of("sentinel", "secret.txt", "links", "to-sentinel", "dir", "hard",
			"special", "fifo", "null", "plain", "file.bin", "%252e%252e", "%3b", ";a=b", "%e2%80%ae", "%2f", "%2F", "x",
			"%20", "%u002e", "%25", ".gathercopy", "handles", "pins", "%c3%a9", "~", "*");

	/** JSON strings that are no valid storage path. */
	static final List<String> KILLER_PATHS = List.of("../sentinel/secret.txt", "..", "a/../b", "./a", "a/./b",
			"/etc/passwd", "a//b", "a/", "a\\b", "..\\sentinel", "a\u0000b", "a\nb", "\u007f", "\uff0e\uff0e/sentinel",
			"\u2025/sentinel", "\u2024\u2024", "a\uff0fb", "a\uff3cb", "\ufe52", ".gathercopy/handles",
			".gathercopy", "", "x".repeat(4097), "a".repeat(256) + "/b");

	/** JSON values of the wrong type for a string field (scalars are not: a reader may take 5 for "5"). */
	static final List<String> WRONG_TYPES = List.of("[]", "{}", "[\"a\"]", "{\"a\":1}", "[[[]]]");

	/** JSON numbers (or not) that no offset or length field may take. */
	static final List<String> KILLER_NUMBERS = List.of("-1", "-9223372036854775808", "9223372036854775808",
			"99999999999999999999999999", "1e30", "-1e30", "null", "\"abc\"", "\"\"", "[]", "{}", "[1,2]",
			"{\"a\":1}", "NaN", "Infinity", "-0.5e300");

	/** Numbers that are fine alone (or only wrong in a way the rest of the request may hide). */
	static final List<String> OTHER_NUMBERS = List.of("0", "1", "7", "4095", "4096", "65536", "1048576",
			"9223372036854775807", "1.5", "\"7\"", "0.0", "1e3", "true", "9007199254740993");

	private final Random random;

	Hostile(long seed) {
		this.random = new Random(seed);
	}

	Random random() {
		return this.random;
	}

	<T> T pick(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	boolean chance(double probability) {
		return this.random.nextDouble() < probability;
	}

	/** A request-target path of one to six segments, at least one of them a killer. */
	String killerPath() {
		int count = 1 + this.random.nextInt(6);
		int killerAt = this.random.nextInt(count);
		List<String> segments = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			segments.add((i == killerAt || chance(0.3)) ? pick(KILLER_SEGMENTS) : pick(OTHER_SEGMENTS));
		}
		return String.join("/", segments);
	}

	/** A request-target path that may be anything, valid included. */
	String anyPath() {
		int count = 1 + this.random.nextInt(4);
		List<String> segments = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			segments.add(chance(0.3) ? pick(KILLER_SEGMENTS) : pick(OTHER_SEGMENTS));
		}
		return String.join("/", segments);
	}

	/** A JSON value for a path field that no request may use: an invalid path or a value of the wrong type. */
	String killerPathJson() {
		return chance(0.75) ? quote(pick(KILLER_PATHS)) : pick(WRONG_TYPES);
	}

	String killerNumber() {
		return pick(KILLER_NUMBERS);
	}

	String anyNumber() {
		return chance(0.5) ? pick(OTHER_NUMBERS) : pick(KILLER_NUMBERS);
	}

	/** A JSON array of {@code size} objects built by {@code entry}, one of which (at a random index) is a killer. */
	String arrayWithKiller(int size, Supplier<String> entry, Supplier<String> killer) {
		int killerAt = this.random.nextInt(size);
		List<String> entries = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			entries.add((i == killerAt) ? killer.get() : entry.get());
		}
		return "[" + String.join(",", entries) + "]";
	}

	/**
	 * The body broken in a way no JSON reader accepts as the expected object: cut short, wrapped in an array, nested
	 * past any reader's depth, in the wrong encoding, or empty.
	 */
	byte[] brokenJson(String json) {
		return switch (this.random.nextInt(8)) {
			case 0, 1, 2 -> utf8(json.substring(0, 1 + this.random.nextInt(Math.max(1, json.length() - 1))));
			case 3 -> utf8("[" + json + "]");
			case 4 -> utf8("[".repeat(5000) + "]".repeat(5000));
			case 5 -> {
				byte[] bytes = utf8(json);
				bytes[this.random.nextInt(bytes.length)] = (byte) 0xC0;
				yield withoutLastByte(bytes);
			}
			case 6 -> json.getBytes(StandardCharsets.UTF_16LE);
			default -> utf8(pick(List.of("\"x\"", "42", "{", "}", "{\"a\":", "\u0000", "[", "nul")));
		};
	}

	/** A JSON object body larger than {@code bytes}. */
	static byte[] oversizedJson(int bytes) {
		return utf8("{\"path\":\"" + "a".repeat(bytes) + "\",\"mode\":\"read\"}");
	}

	static String quote(String value) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20 || c == 0x7f) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] withoutLastByte(byte[] bytes) {
		return (bytes.length > 1) ? java.util.Arrays.copyOf(bytes, bytes.length - 1) : bytes;
	}

}
