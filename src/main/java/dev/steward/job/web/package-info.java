@NullMarked
package dev.steward.job.web;

import org.jspecify.annotations.NullMarked;
