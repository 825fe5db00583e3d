package dev.steward.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Base for {@code *BrowserTests}: the system Chromium, launched once per test class, a fresh browser context
 * (cookies, storage) per test, screenshots under {@code target/screenshots/<TestClass>-<step>.png}, and the
 * page's console errors collected so a test can insist there were none. Subclasses are {@link IntegrationTest}s.
 *
 * <p>The browser is {@code /usr/bin/chromium} unless {@code -Dsteward.chromium=…} or {@code STEWARD_CHROMIUM}
 * names another (Playwright's own browser download is disabled on these machines).
 */
@org.junit.jupiter.api.extension.ExtendWith(BrowserSupport.SharedBrowser.class)
public abstract class BrowserSupport {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	/** Network failures the browser logs as console errors although the app handles them (e.g. 401 before login). */
	private static final Pattern EXPECTED_CONSOLE = Pattern.compile("Failed to load resource: the server responded with a status of (401|400|409|429)");

	private static Browser browser;

	@LocalServerPort
	protected int port;

	protected BrowserContext context;

	protected Page page;

	protected final List<String> consoleErrors = new CopyOnWriteArrayList<>();

	/**
	 * One Chromium for the whole test run (launching one per class cost a second or two each), kept in JUnit's root
	 * store so the engine closes it when the run ends; every test still gets its own context (cookies, storage).
	 */
	static final class SharedBrowser implements org.junit.jupiter.api.extension.BeforeAllCallback, AutoCloseable {

		private final Playwright owner;

		SharedBrowser() {
			this(null);
		}

		private SharedBrowser(Playwright owner) {
			this.owner = owner;
		}

		@Override
		public void beforeAll(org.junit.jupiter.api.extension.ExtensionContext context) {
			context.getRoot()
				.getStore(org.junit.jupiter.api.extension.ExtensionContext.Namespace.create(SharedBrowser.class))
				.computeIfAbsent("chromium", key -> launch(), SharedBrowser.class);
		}

		private static SharedBrowser launch() {
			String executable = System.getProperty("steward.chromium",
					System.getenv().getOrDefault("STEWARD_CHROMIUM", "/usr/bin/chromium"));
			Playwright created = Playwright.create();
			browser = created.chromium()
				.launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of(executable))
					.setHeadless(true)
					.setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking")));
			// a passing assertion returns as soon as it holds; the longer ceiling spares a loaded machine false alarms
			com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
			return new SharedBrowser(created);
		}

		@Override
		public void close() {
			browser = null;
			owner.close();
		}
	}

	@BeforeEach
	void openContext() {
		context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900)
			.setBaseURL("http://127.0.0.1:" + port)
			.setLocale("en-GB")
			.setTimezoneId("UTC"));
		context.setDefaultTimeout(15_000);
		page = context.newPage();
		page.onConsoleMessage(m -> {
			if (m.type().equals("error") && !EXPECTED_CONSOLE.matcher(m.text()).find()) {
				consoleErrors.add(m.text());
			}
		});
		page.onPageError(e -> consoleErrors.add("uncaught: " + e));
	}

	@AfterEach
	void closeContext() {
		if (context != null) {
			context.close();
		}
	}

	/** Saves the page as {@code target/screenshots/<TestClass>-<step>.png}. */
	protected Path screenshot(String step) {
		try {
			Files.createDirectories(SCREENSHOTS);
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		Path file = SCREENSHOTS.resolve(getClass().getSimpleName() + "-" + step + ".png");
		page.waitForTimeout(250); // let transitions settle
		page.screenshot(new Page.ScreenshotOptions().setPath(file));
		return file;
	}

	/** Signs in through the login form and waits for the app shell. */
	protected void login(String username, String password) {
		page.navigate("/login");
		page.getByLabel("Username").fill(username);
		page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		assertThat(page.getByTestId("user-menu")).isVisible();
	}

	protected void loginAsAdmin() {
		login("admin", TestStore.ADMIN_PASSWORD);
	}

	/** A link of the sidebar navigation. */
	protected void navigate(String linkName) {
		page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
			.getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName(linkName).setExact(true))
			.click();
	}

	/**
	 * Picks {@code option} in the select labelled {@code label} and waits until the select shows it. With many
	 * connections listed the list can re-render (a refetch) between opening and clicking; the pick is retried then.
	 */
	protected void choose(String label, String option) {
		Locator select = page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName(label).setExact(true));
		for (int attempt = 1;; attempt++) {
			try {
				select.click();
				Locator item = page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(option));
				item.scrollIntoViewIfNeeded();
				item.click(new Locator.ClickOptions().setTimeout(5_000));
				assertThat(select).containsText(option,
						new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(3_000));
				return;
			}
			catch (com.microsoft.playwright.PlaywrightException | AssertionError e) {
				if (attempt == 3) {
					throw e;
				}
				page.keyboard().press("Escape");
			}
		}
	}

	protected void assertNoConsoleErrors() {
		assertThat(consoleErrors).as("browser console errors").isEmpty();
	}
}
