package dev.steward.shared.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The OpenAPI document's header and the two ways to authenticate: session cookie (+CSRF) or API token. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI stewardOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Steward API")
				.version("v1")
				.description("Self-hosted database management: connections, users, audit trail. Log in with "
						+ "POST /api/auth/login (session cookie; send the XSRF-TOKEN cookie back as X-XSRF-TOKEN "
						+ "on writes) or use a personal API token as `Authorization: Bearer stw_…`. Errors are "
						+ "RFC 9457 problem bodies.")
				.license(new License().name("Proprietary")))
			.components(new Components()
				.addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.COOKIE)
					.name("STEWARD_SESSION"))
				.addSecuritySchemes("token", new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.description("Personal API token (stw_…)")))
			.addSecurityItem(new SecurityRequirement().addList("session"))
			.addSecurityItem(new SecurityRequirement().addList("token"));
	}
}
