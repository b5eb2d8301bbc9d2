package dev.gathercopy.web.auth;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.gathercopy.web.problem.ProblemKind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** How tokens are compared: by fixed-length digests, against every configured token, with one answer for all misses. */
class BearerTokenFilterTests {

	private static final List<String> TOKENS = List.of("first-token-0123456789", "second-token-0123456789",
			"third-token-0123456789");

	private static final ProblemKind UNAUTHORIZED = new ProblemKind() {

		@Override
		public URI type() {
			return URI.create("https://example.test/problems/unauthorized");
		}

		@Override
		public int status() {
			return 401;
		}

		@Override
		public String title() {
			return "Missing or invalid bearer token";
		}

	};

	private final List<byte[][]> comparisons = new ArrayList<>();

	private final BearerTokenFilter filter = new BearerTokenFilter(auth(TOKENS.stream()
		.map((token) -> new AuthProperties.Token(token.substring(0, 5), token, ""))
		.toList()), JsonMapper.builder().build(), (known, presented) -> {
			this.comparisons.add(new byte[][] { known, presented });
			return java.security.MessageDigest.isEqual(known, presented);
		});

	@Test
	void everyTokenIsComparedWhicheverMatchesOrNone() throws Exception {
		for (String presented : List.of(TOKENS.get(0), TOKENS.get(1), TOKENS.get(2), "no-such-token-0123456789", "x")) {
			this.comparisons.clear();
			send(presented);
			assertThat(this.comparisons).as(presented).hasSize(TOKENS.size());
		}
	}

	@Test
	void tokensAreComparedAsDigestsOfOneLengthNeverAsTheirBytes() throws Exception {
		for (String presented : List.of(TOKENS.get(0), "short", "a-much-longer-token-than-any-configured-one-0123456789")) {
			this.comparisons.clear();
			send(presented);
			assertThat(this.comparisons).allSatisfy((pair) -> {
				assertThat(pair[0]).hasSize(32);
				assertThat(pair[1]).hasSize(32).isNotEqualTo(presented.getBytes());
			});
		}
	}

	@Test
	void aTokenWrongInItsFirstOrLastByteIsRefusedExactlyLikeAnyOtherWrongToken() throws Exception {
		String token = TOKENS.get(1);
		String wrongFirst = (char) (token.charAt(0) + 1) + token.substring(1);
		String wrongLast = token.substring(0, token.length() - 1) + (char) (token.charAt(token.length() - 1) + 1);
		MockHttpServletResponse reference = send("entirely-unrelated-token-00");
		assertThat(reference.getStatus()).isEqualTo(401);
		for (String presented : List.of(wrongFirst, wrongLast, token + "x", token.substring(1))) {
			MockHttpServletResponse response = send(presented);
			assertThat(response.getStatus()).as(presented).isEqualTo(reference.getStatus());
			assertThat(response.getContentAsByteArray()).as(presented).isEqualTo(reference.getContentAsByteArray());
			assertThat(response.getHeaderNames()).as(presented).isEqualTo(reference.getHeaderNames());
		}
		assertThat(send(token).getStatus()).isEqualTo(200);
	}

	@Test
	void theMatchingTokensCallerIsKeptForTheController() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/files");
		request.addHeader("Authorization", "bearer " + TOKENS.get(2));
		this.filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
		assertThat(request.getAttribute(String.class.getName())).isEqualTo("third");
	}

	@Test
	void aRefusalIsTheUnauthorizedProblem() throws Exception {
		MockHttpServletResponse response = send("no-such-token-0123456789");
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).isEqualTo("{\"type\":\"https://example.test/problems/unauthorized\","
				+ "\"title\":\"Missing or invalid bearer token\",\"status\":401,"
				+ "\"detail\":\"send 'Authorization: Bearer <token>' with a configured token\","
				+ "\"instance\":\"/api/v1/files\"}");
	}

	@Test
	void withoutTokensEveryRequestIsTheAnonymousCaller() throws Exception {
		BearerTokenFilter open = new BearerTokenFilter(auth(List.of()), JsonMapper.builder().build(),
				(known, presented) -> false);
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/files");
		MockHttpServletResponse response = new MockHttpServletResponse();
		open.doFilter(request, response, new MockFilterChain());
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(request.getAttribute(String.class.getName())).isEqualTo("anonymous");
	}

	private static BearerAuth<String> auth(List<AuthProperties.Token> tokens) {
		return new BearerAuth<>(new AuthProperties(tokens), "test.auth", String.class, (name, prefix) -> name,
				"anonymous", UNAUTHORIZED);
	}

	private MockHttpServletResponse send(String token) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/files");
		request.addHeader("Authorization", "Bearer " + token);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
