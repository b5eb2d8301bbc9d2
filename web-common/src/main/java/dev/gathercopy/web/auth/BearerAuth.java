package dev.gathercopy.web.auth;

import java.security.MessageDigest;
import java.util.List;
import java.util.function.BiFunction;

import dev.gathercopy.web.problem.ProblemKind;
import jakarta.servlet.Filter;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Bearer-token authentication of a service's API: the filter in front of {@code /api/*} that resolves each request's
 * caller of type {@code C} from its token, and, as a bean, the resolver that lets controllers take that caller.
 */
public final class BearerAuth<C> implements WebMvcConfigurer {

	private final AuthProperties auth;

	private final Class<C> callerType;

	private final C anonymous;

	private final BiFunction<String, String, C> callers;

	private final ProblemKind unauthorized;

	/**
	 * Authentication with the configured tokens, whose callers {@code callers} makes from a token's name and prefix;
	 * {@code anonymous} is the caller when none is configured, {@code unauthorized} the problem of a refused request.
	 */
	public BearerAuth(AuthProperties auth, Class<C> callerType, C anonymous, BiFunction<String, String, C> callers,
			ProblemKind unauthorized) {
		this.auth = auth;
		this.callerType = callerType;
		this.anonymous = anonymous;
		this.callers = callers;
		this.unauthorized = unauthorized;
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(callerType);
	}

	/** The filter's registration, to declare as a bean. */
	public FilterRegistrationBean<? extends Filter> filter(JsonMapper json) {
		FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(new BearerTokenFilter(
				this.auth, this.callerType.getName(), this.anonymous, this.callers, this.unauthorized, json,
				MessageDigest::isEqual));
		registration.addUrlPatterns("/api/*");
		return registration;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CallerResolver(this.callerType, this.unauthorized));
	}

}
