package dev.steward.shared.web;

import java.io.IOException;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the React app: real files as they are, any other non-API path as {@code index.html} so client-side
 * routes survive a reload. {@code /api/**} never falls back, so an unknown API path stays a JSON 404.
 */
@Configuration(proxyBeanMethods = false)
class SpaConfiguration implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/**")
			.addResourceLocations("classpath:/static/")
			.resourceChain(true)
			.addResolver(new PathResourceResolver() {
				@Override
				protected @Nullable Resource getResource(String path, Resource location) throws IOException {
					Resource found = location.createRelative(path);
					if (found.exists() && found.isReadable()) {
						return found;
					}
					if (path.startsWith("api/") || path.equals("api") || path.startsWith("actuator/")
							|| path.startsWith("v3/") || path.startsWith("assets/")) {
						return null;
					}
					Resource index = new ClassPathResource("/static/index.html");
					return index.exists() ? index : null;
				}
			});
	}
}
