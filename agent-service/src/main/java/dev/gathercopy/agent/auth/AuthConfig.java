package dev.gathercopy.agent.auth;

import dev.gathercopy.agent.config.AgentProperties;
import dev.gathercopy.agent.problem.ProblemKind;
import dev.gathercopy.web.auth.BearerAuth;
import dev.gathercopy.web.auth.BearerAuthentication;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Puts the bearer-token filter in front of {@code /api/*} with the tokens under {@code agent.auth}, and lets
 * controllers take the {@link Caller}.
 */
@Configuration(proxyBeanMethods = false)
@Import(BearerAuthentication.class)
class AuthConfig {

	@Bean
	BearerAuth<Caller> bearerAuth(AgentProperties properties) {
		return new BearerAuth<>(properties.auth(), "agent.auth", Caller.class, Caller::new, Caller.ANONYMOUS,
				ProblemKind.UNAUTHORIZED);
	}

}
