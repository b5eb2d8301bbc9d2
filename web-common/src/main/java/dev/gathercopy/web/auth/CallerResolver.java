package dev.gathercopy.web.auth;

import dev.gathercopy.web.problem.ProblemException;
import dev.gathercopy.web.problem.ProblemKind;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives a controller parameter of the caller type the caller that {@link BearerTokenFilter} resolved. */
final class CallerResolver implements HandlerMethodArgumentResolver {

	private final Class<?> type;

	private final ProblemKind unauthorized;

	CallerResolver(Class<?> type, ProblemKind unauthorized) {
		this.type = type;
		this.unauthorized = unauthorized;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == this.type;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
			WebDataBinderFactory binderFactory) {
		Object caller = request.getAttribute(this.type.getName(), RequestAttributes.SCOPE_REQUEST);
		if (caller == null) {
			throw new ProblemException(this.unauthorized, "no caller was resolved for this request");
		}
		return caller;
	}

}
