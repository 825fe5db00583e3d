package dev.steward.security.internal;

import java.util.function.Supplier;

import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Evaluates a handler's {@code @PreAuthorize} before Spring MVC reads and validates its arguments, so that a
 * caller without the role gets 403 and never learns a request body's field rules from a 400. Method security
 * still checks again at the call; the expressions in use name roles only, never arguments, so the early check
 * decides the same way (an argument-dependent expression would see nulls here and is left to method security).
 */
@Configuration(proxyBeanMethods = false)
class RoleCheckFirst implements WebMvcConfigurer, HandlerInterceptor {

	private final PreAuthorizeAuthorizationManager preAuthorize = new PreAuthorizeAuthorizationManager();

	RoleCheckFirst(ApplicationContext context) {
		preAuthorize.setApplicationContext(context);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		// an ASYNC dispatch continues a streamed answer whose REQUEST dispatch was already checked
		if (request.getDispatcherType() != DispatcherType.REQUEST || !(handler instanceof HandlerMethod method)
				|| usesArguments(method)) {
			return true;
		}
		Supplier<Authentication> auth = () -> SecurityContextHolder.getContext().getAuthentication();
		AuthorizationResult result = preAuthorize.authorize(auth,
				new SimpleMethodInvocation(method.getBean(), method.getMethod(),
						new Object[method.getMethod().getParameterCount()]));
		if (result != null && !result.isGranted()) {
			throw new AccessDeniedException("Your role does not allow this action");
		}
		return true;
	}

	private static boolean usesArguments(HandlerMethod method) {
		var annotation = method.getMethodAnnotation(org.springframework.security.access.prepost.PreAuthorize.class);
		return annotation != null && annotation.value().contains("#");
	}
}
