package dev.gathercopy.web.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.BiPredicate;

import dev.gathercopy.web.problem.ProblemException;
import dev.gathercopy.web.problem.ProblemKind;
import dev.gathercopy.web.problem.ServletProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves the caller of every API request from its bearer token, comparing token digests in constant time, and keeps
 * it in a request attribute. With no tokens configured every request is the anonymous caller (the server then listens
 * on loopback only).
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private static final String PREFIX = "Bearer ";

	private final String attribute;

	private final Object anonymous;

	private final List<KnownToken> tokens;

	private final ProblemKind unauthorized;

	private final JsonMapper json;

	private final BiPredicate<byte[], byte[]> equality;

	/** A filter whose digest comparison a test can watch; it must take constant time for digests of equal length. */
	BearerTokenFilter(BearerAuth<?> auth, JsonMapper json, BiPredicate<byte[], byte[]> equality) {
		this.attribute = auth.callerType().getName();
		this.anonymous = auth.anonymous();
		this.equality = equality;
		this.tokens = auth.auth()
			.tokens()
			.stream()
			.map((token) -> new KnownToken(digest(token.token()), auth.callers().apply(token.name(), token.prefix())))
			.toList();
		this.unauthorized = auth.unauthorized();
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.tokens.isEmpty()) {
			request.setAttribute(this.attribute, this.anonymous);
			chain.doFilter(request, response);
			return;
		}
		Object caller = authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (caller == null) {
			reject(request, response);
			return;
		}
		request.setAttribute(this.attribute, caller);
		chain.doFilter(request, response);
	}

	private Object authenticate(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			return null;
		}
		byte[] presented = digest(authorization.substring(PREFIX.length()).trim());
		Object match = null;
		for (KnownToken token : this.tokens) {
			if (this.equality.test(token.digest(), presented)) {
				match = token.caller();
			}
		}
		return match;
	}

	private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		ServletProblems.write(response, this.json, new ProblemException(this.unauthorized,
				"send 'Authorization: Bearer <token>' with a configured token"), request.getRequestURI());
	}

	private static byte[] digest(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record KnownToken(byte[] digest, Object caller) {
	}

}
