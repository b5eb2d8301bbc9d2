package dev.gathercopy.storage.auth;

import java.util.ArrayList;
import java.util.List;

import dev.gathercopy.storage.config.StorageProperties;
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

	private final List<byte[][]> comparisons = new ArrayList<>();

	private final BearerTokenFilter filter = new BearerTokenFilter(new StorageProperties.Auth(TOKENS.stream()
		.map((token) -> new StorageProperties.Token(token.substring(0, 5), token, ""))
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

	private MockHttpServletResponse send(String token) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/files");
		request.addHeader("Authorization", "Bearer " + token);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
