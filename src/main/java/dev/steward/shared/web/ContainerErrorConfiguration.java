package dev.steward.shared.web;

import java.time.Duration;
import java.util.Set;

import org.apache.catalina.core.StandardHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Errors raised below Spring MVC answer with problem bodies too: Tomcat's error report valve is replaced, and
 * Spring Security's firewall rejections are written as problems instead of going through an error page.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ContainerErrorConfiguration.class);

	/** What Spring Security's StrictHttpFirewall lets through; any other method is refused with 405. */
	private static final Set<String> FIREWALL_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
			"OPTIONS");

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
		return factory -> factory.addContextCustomizers(context -> {
			if (context.getParent() instanceof StandardHost host) {
				// the host adds its error report valve on start unless one of this class is already there
				host.getPipeline().addValve(new ProblemErrorReportValve());
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		});
	}

	/** Fair admission in front of everything else a request does: see {@link FairAdmissionValve}. */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> fairAdmission(
			@Value("${steward.http.concurrency:0}") int concurrency,
			@Value("${steward.http.queue-max-wait:2s}") Duration maxWait) {
		int permits = concurrency > 0 ? concurrency : 4 * Runtime.getRuntime().availableProcessors();
		return factory -> factory.addEngineValves(new FairAdmissionValve(permits, maxWait));
	}

	@Bean
	RequestRejectedHandler problemOnFirewallRejection() {
		return (request, response, rejected) -> {
			// a client error: the reason at debug level, never a stack trace
			log.debug("Request rejected by the firewall: {}", rejected.getMessage());
			int status = FIREWALL_METHODS.contains(request.getMethod()) ? HttpStatus.BAD_REQUEST.value()
					: HttpStatus.METHOD_NOT_ALLOWED.value();
			if (status == HttpStatus.METHOD_NOT_ALLOWED.value()) {
				response.setHeader("Allow", String.join(", ", FIREWALL_METHODS.stream().sorted().toList()));
			}
			response.setStatus(status);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			response.getWriter().write(ContainerProblems.json(status));
		};
	}
}
