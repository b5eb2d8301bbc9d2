package dev.gathercopy.web.auth;

import java.security.MessageDigest;
import java.util.List;

import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the bearer-token filter of the service's {@link BearerAuth} in front of {@code /api/*}, lets controllers take
 * the caller it resolves, and keeps the server on loopback while no token is configured.
 */
@Configuration(proxyBeanMethods = false)
public class BearerAuthentication implements WebMvcConfigurer {

	private final BearerAuth<?> auth;

	BearerAuthentication(BearerAuth<?> auth) {
		this.auth = auth;
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(auth.callerType());
	}

	@Bean
	FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(JsonMapper json) {
		FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(
				new BearerTokenFilter(this.auth, json, MessageDigest::isEqual));
		registration.addUrlPatterns("/api/*");
		return registration;
	}

	@Bean
	LoopbackBinding loopbackBinding() {
		return new LoopbackBinding(this.auth.auth(), this.auth.prefix());
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CallerResolver(this.auth.callerType(), this.auth.unauthorized()));
	}

}
