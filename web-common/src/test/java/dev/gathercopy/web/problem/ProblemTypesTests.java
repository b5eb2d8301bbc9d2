package dev.gathercopy.web.problem;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Problem types are the service's base plus a slug; errors the API does not name get one from their status. */
class ProblemTypesTests {

	private final ProblemTypes types = new ProblemTypes("https://example.test/problems/");

	@Test
	void aTypeIsTheBaseFollowedByTheSlug() {
		assertThat(this.types.of("file-not-found")).isEqualTo(URI.create("https://example.test/problems/file-not-found"));
	}

	@Test
	void knownStatusesHaveNamedGenericTypes() {
		assertThat(this.types.generic(404)).isEqualTo(URI.create("https://example.test/problems/not-found"));
		assertThat(this.types.generic(405)).isEqualTo(URI.create("https://example.test/problems/method-not-allowed"));
		assertThat(this.types.generic(500)).isEqualTo(URI.create("https://example.test/problems/internal-error"));
	}

	@Test
	void otherStatusesAreNamedByTheirNumber() {
		assertThat(this.types.generic(505)).isEqualTo(URI.create("https://example.test/problems/http-505"));
	}

}
