package dev.gathercopy.storage.auth;

import dev.gathercopy.storage.config.StorageProperties;
import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.web.auth.BearerAuth;
import dev.gathercopy.web.auth.LoopbackBinding;
import jakarta.servlet.Filter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the bearer-token filter in front of {@code /api/*}, lets controllers take the {@link Caller}, and keeps the
 * server on loopback while no token is configured under {@code storage.auth}.
 */
@Configuration(proxyBeanMethods = false)
class AuthConfig {

	@Bean
	BearerAuth<Caller> bearerAuth(StorageProperties properties) {
		return new BearerAuth<>(properties.auth(), Caller.class, Caller.ANONYMOUS, Caller::new,
				ProblemKind.UNAUTHORIZED);
	}

	@Bean
	FilterRegistrationBean<? extends Filter> bearerTokenFilter(BearerAuth<Caller> auth, JsonMapper json) {
		return auth.filter(json);
	}

	@Bean
	LoopbackBinding loopbackBinding(StorageProperties properties) {
		return new LoopbackBinding(properties.auth(), "storage.auth");
	}

}
