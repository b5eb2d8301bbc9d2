package dev.gathercopy.agent.auth;

import java.util.List;

import dev.gathercopy.agent.config.AgentProperties;
import dev.gathercopy.agent.problem.ProblemKind;
import dev.gathercopy.agent.problem.AgentException;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the bearer-token filter in front of {@code /api/*} and lets controllers take the {@link Caller}. */
@Configuration(proxyBeanMethods = false)
class AuthConfig implements WebMvcConfigurer {

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	@Bean
	FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(AgentProperties properties, JsonMapper json) {
		FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(
				new BearerTokenFilter(properties.auth(), json));
		registration.addUrlPatterns("/api/*");
		return registration;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CallerResolver());
	}

	private static final class CallerResolver implements HandlerMethodArgumentResolver {

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return parameter.getParameterType() == Caller.class;
		}

		@Override
		public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
				NativeWebRequest request, WebDataBinderFactory binderFactory) {
			Object caller = request.getAttribute(BearerTokenFilter.CALLER, RequestAttributes.SCOPE_REQUEST);
			if (caller == null) {
				throw new AgentException(ProblemKind.UNAUTHORIZED, "no caller was resolved for this request");
			}
			return caller;
		}

	}

}
