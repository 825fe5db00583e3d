package dev.steward;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.util.ClassUtils;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableAsync
public class StewardApplication {

	public static void main(String[] args) {
		useAheadOfTimeProcessing();
		SpringApplication.run(StewardApplication.class, args);
	}

	/**
	 * The packaged jar carries bean definitions generated at build time ({@code process-aot}); using them skips
	 * configuration parsing and condition evaluation at start-up. Tests and IDE runs have no generated
	 * initializer and start the usual way; {@code -Dspring.aot.enabled=false} turns it off. The build's own
	 * ahead-of-time processing also calls {@code main} (with {@code spring.aot.processing} set) and must not.
	 */
	private static void useAheadOfTimeProcessing() {
		if (System.getProperty(AotDetector.AOT_ENABLED) == null && !Boolean.getBoolean("spring.aot.processing")
				&& ClassUtils.isPresent(
				StewardApplication.class.getName() + "__ApplicationContextInitializer", StewardApplication.class.getClassLoader())) {
			System.setProperty(AotDetector.AOT_ENABLED, "true");
		}
	}
}
