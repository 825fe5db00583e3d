package dev.steward.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Text a person typed and others will read: a name, label, tag, path or username. Refuses characters that
 * change how text renders without being visible themselves — control characters, bidirectional controls
 * (U+202E turns "gpj.exe" into "exe.jpg"), zero-width and other format characters, line separators and
 * unpaired surrogates. {@link #multiline()} free text may also hold tab and line breaks, and the zero-width
 * joiners that emoji sequences and Persian or Indic words need. Null is valid.
 */
@Documented
@Constraint(validatedBy = SafeTextValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
		ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface SafeText {

	boolean multiline() default false;

	String message() default "must not contain control, bidirectional or invisible formatting characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};
}
