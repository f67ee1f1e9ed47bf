package io.mabeam.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driving the console as a
 * person would: it types, clicks, waits for what appears, and keeps screenshots under {@code target/}.
 */
final class ConsoleBrowser implements AutoCloseable {

    private final WebDriver driver;
    private final WebDriverWait wait;
    private final String base;

    private ConsoleBrowser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    static ConsoleBrowser open(String base) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"))
                        .toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(System.getProperty("chromium", "/usr/bin/chromium"))
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--window-size=1280,900");
        return new ConsoleBrowser(new ChromeDriver(service, options), base);
    }

    void go(String path) {
        driver.get(base + path);
        awaitPageIdle();
    }

    void logIn(String username, String password) {
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username")));
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.id("login:password")).sendKeys(password);
        WebElement submit = driver.findElement(By.id("login:submit"));
        submit.click();
        // the form posts without Ajax: wait until the answer has replaced the page, so the session cookie is
        // set before anything else is asked for (navigating at once aborted the login now and then)
        wait.until(ExpectedConditions.stalenessOf(submit));
        awaitPageIdle();
    }

    /**
     * Waits until the page has loaded and no Faces Ajax request is queued or running: PrimeFaces' request
     * queue is empty and jQuery has no request open.
     */
    void awaitPageIdle() {
        wait.until(driver -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return document.readyState === 'complete'"
                        + " && (!window.PrimeFaces || !PrimeFaces.ajax || PrimeFaces.ajax.Queue.isEmpty())"
                        + " && (!window.jQuery || jQuery.active === 0);")));
    }

    void type(String id, String text) {
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        field.clear();
        field.sendKeys(text);
    }

    /** Chooses an option of a plain select element by its visible text. */
    void select(String id, String visibleText) {
        new org.openqa.selenium.support.ui.Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id))))
                .selectByVisibleText(visibleText);
    }

    /** Clicks and waits until the Ajax request the click started (if any) has been answered and applied. */
    void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
        awaitPageIdle();
    }

    /** Waits until the element's text contains the expected text (after an Ajax update, say). */
    String awaitText(String cssSelector, String expected) {
        // an Ajax update may replace the element between the wait and the read: read again then
        for (int attempt = 1; ; attempt++) {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(cssSelector), expected));
            try {
                return driver.findElement(By.cssSelector(cssSelector)).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                if (attempt == 3) {
                    throw replaced;
                }
            }
        }
    }

    /** Waits until the element's text contains {@code expected} and no longer contains {@code gone}. */
    String awaitTextWithout(String cssSelector, String expected, String gone) {
        return wait.until(driver -> {
            try {
                String text = driver.findElement(By.cssSelector(cssSelector)).getText();
                return text.contains(expected) && !text.contains(gone) ? text : null;
            } catch (org.openqa.selenium.StaleElementReferenceException
                    | org.openqa.selenium.NoSuchElementException e) {
                return null;
            }
        });
    }

    /** The id of the (only) button in the table row whose text contains {@code rowText}. */
    String idOfButtonInRowWith(String tableId, String rowText) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                        By.xpath("//*[@id='" + tableId + "']//tr[contains(., '" + rowText + "')]//button")))
                .getAttribute("id");
    }

    /** The text of the table row whose text contains {@code rowText}. */
    String textOfRowWith(String tableId, String rowText) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                        By.xpath("//*[@id='" + tableId + "']//tr[contains(., '" + rowText + "')]")))
                .getText();
    }

    /** Clicks the (first) link in the table row whose text contains {@code rowText}. */
    void clickLinkInRowWith(String tableId, String rowText) {
        wait.until(ExpectedConditions.elementToBeClickable(
                        By.xpath("//*[@id='" + tableId + "']//tr[contains(., '" + rowText + "')]//a")))
                .click();
    }

    /** Waits until the element's attribute has the expected value (a chart its script has drawn, say). */
    void awaitAttribute(String id, String attribute, String expected) {
        wait.until(ExpectedConditions.attributeToBe(By.id(id), attribute, expected));
    }

    /** Scrolls the element to the top of the window, so a screenshot shows what follows it. */
    void scrollTo(String id) {
        WebElement element = wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView(true);", element);
    }

    boolean isPresent(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    String textOf(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)))
                .getText();
    }

    String waitForText(String cssSelector) {
        for (int attempt = 1; ; attempt++) {
            try {
                return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(cssSelector)))
                        .getText();
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                if (attempt == 3) {
                    throw replaced;
                }
            }
        }
    }

    String currentPath() {
        return driver.getCurrentUrl().substring(base.length() - 1);
    }

    Path screenshot(String name) {
        Path dir = Path.of(System.getProperty("mabeam.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Path taken =
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(taken, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
