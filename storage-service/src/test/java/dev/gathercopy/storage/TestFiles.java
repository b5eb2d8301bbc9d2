package dev.gathercopy.storage;

import java.util.Random;
import java.util.UUID;

/** Random contents and unique paths for tests. */
public final class TestFiles {

	private TestFiles() {
	}

	public static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	public static String uniquePath(String name) {
		return "t-" + UUID.randomUUID() + "/" + name;
	}

}
