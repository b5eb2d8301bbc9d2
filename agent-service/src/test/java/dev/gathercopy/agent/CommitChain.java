package dev.gathercopy.agent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accepted commits of one file, each made on condition that the file was still at its base version. With no update
 * lost, they form a single chain from the first version to the last, and the file holds the last one's bytes.
 */
public final class CommitChain {

	/** One accepted commit: the version it replaced, the version it made, and the SHA-256 of its bytes. */
	public record Accepted(String base, String version, String sha256) {
	}

	private CommitChain() {
	}

	public static void assertNoLostUpdate(String path, String first, List<Accepted> accepted, String finalVersion,
			String finalSha256) {
		Map<String, Accepted> byBase = new HashMap<>();
		for (Accepted commit : accepted) {
			Accepted other = byBase.put(commit.base(), commit);
			assertThat(other).as("%s: two commits accepted on the same base %s (an update was lost): %s and %s", path,
					commit.base(), other, commit).isNull();
		}
		String version = first;
		String sha256 = null;
		for (int i = 0; i < accepted.size(); i++) {
			Accepted next = byBase.get(version);
			assertThat(next).as("%s: the chain of accepted commits breaks after %d of %d at %s", path, i,
					accepted.size(), version).isNotNull();
			version = next.version();
			sha256 = next.sha256();
		}
		assertThat(finalVersion).as("%s: the file is at the last accepted version", path).isEqualTo(version);
		if (sha256 != null) {
			assertThat(finalSha256).as("%s: the file holds the last accepted bytes", path).isEqualTo(sha256);
		}
	}

}
