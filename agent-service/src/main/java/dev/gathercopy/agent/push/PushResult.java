package dev.gathercopy.agent.push;

/** What a push sent and what it landed. */
public record PushResult(String path, String version, long size, int regionCount, long reusedBytes, long literalBytes,
		long requestBytes, long durationMillis) {
}
