package dev.gathercopy.web.auth;

import java.util.function.BiFunction;

import dev.gathercopy.web.problem.ProblemKind;

/**
 * How a service authenticates its API with bearer tokens: the tokens configured under {@code prefix} (such as
 * {@code storage.auth}), the caller type controllers take, the caller a token's name and prefix make, the anonymous
 * caller when no token is configured, and the problem of a refused request. Declared as a bean, with
 * {@link BearerAuthentication} imported.
 */
public record BearerAuth<C>(AuthProperties auth, String prefix, Class<C> callerType,
		BiFunction<String, String, C> callers, C anonymous, ProblemKind unauthorized) {
}
