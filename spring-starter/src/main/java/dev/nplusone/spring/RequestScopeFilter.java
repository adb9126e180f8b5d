package dev.nplusone.spring;

import dev.nplusone.NPlusOne;
import dev.nplusone.NPlusOneException;
import dev.nplusone.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

/**
 * One nplusone scope per HTTP request, named {@code METHOD route} once the route is known: the
 * route pattern Spring MVC matched ({@code GET /owners/{id}}), else the request URI. The scope is
 * closed, analysed and reported when the request's first dispatch ends; work of async dispatches is
 * not counted in it.
 *
 * <p>In mode {@code throw}, the response is buffered, so a request whose scope (or one of its
 * transactions) throws {@link NPlusOneException} can still be answered with a 500 carrying the
 * message. A response already committed cannot change: the exception is then rethrown to the
 * container, which logs it and aborts the response.
 */
final class RequestScopeFilter extends OncePerRequestFilter implements Ordered {
  /** First in the chain but for a few: Boot's request-wrapping filters go before it. */
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

  static final String BEST_MATCHING_PATTERN =
      "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

  private static final Logger LOG = LoggerFactory.getLogger("nplusone.spring");

  private final Map<String, String> options;
  private final boolean buffer;

  RequestScopeFilter(Map<String, String> options, boolean throwMode) {
    this.options = options;
    this.buffer = throwMode;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    // In throw mode the async dispatch must copy the buffered body out at its end.
    return !buffer;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (isAsyncDispatch(request)) {
      try {
        chain.doFilter(request, response);
      } finally {
        copyBody(request, response);
      }
      return;
    }
    Scope scope = open(request);
    if (scope == null) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletResponse target = buffer ? new ContentCachingResponseWrapper(response) : response;
    Supplier<String> previous = Routes.set(() -> route(request));
    Throwable error = null;
    NPlusOneException failure;
    try {
      try {
        chain.doFilter(request, target);
      } catch (IOException | ServletException | RuntimeException | Error e) {
        error = e;
      }
      failure = nplusone(error);
      try {
        scope.rename(route(request));
        scope.close();
      } catch (NPlusOneException e) {
        if (failure == null) {
          failure = e;
        }
      } catch (RuntimeException e) {
        Failures.log("closing the request scope", e);
      }
    } finally {
      Routes.restore(previous);
    }
    if (failure != null && !isAsyncStarted(request)) {
      fail(response, failure);
      return;
    }
    if (error != null) {
      rethrow(error);
    }
    copyBody(request, target);
  }

  private Scope open(HttpServletRequest request) {
    try {
      return NPlusOne.scope(request.getMethod() + " " + request.getRequestURI(), options);
    } catch (RuntimeException e) {
      Failures.log("opening a request scope", e);
      return null;
    }
  }

  /** {@code METHOD pattern}, or {@code METHOD uri} when no Spring MVC mapping matched. */
  static String route(HttpServletRequest request) {
    Object pattern = request.getAttribute(BEST_MATCHING_PATTERN);
    String path = pattern != null ? pattern.toString() : request.getRequestURI();
    return request.getMethod() + " " + path;
  }

  private static NPlusOneException nplusone(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof NPlusOneException) {
        return (NPlusOneException) t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** Answers 500 with the message in place of the buffered response, or rethrows when too late. */
  private static void fail(HttpServletResponse response, NPlusOneException failure)
      throws IOException {
    if (response.isCommitted()) {
      LOG.warn(
          "The response was already committed when nplusone (mode throw) failed the request;"
              + " rethrowing to the container");
      throw failure;
    }
    response.reset();
    response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
    response.setContentType("text/plain;charset=UTF-8");
    byte[] body = failure.getMessage().getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }

  private void copyBody(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!buffer || isAsyncStarted(request)) {
      return;
    }
    ContentCachingResponseWrapper cached =
        WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
    if (cached != null) {
      cached.copyBodyToResponse();
    }
  }

  private static void rethrow(Throwable error) throws IOException, ServletException {
    if (error instanceof IOException) {
      throw (IOException) error;
    }
    if (error instanceof ServletException) {
      throw (ServletException) error;
    }
    if (error instanceof RuntimeException) {
      throw (RuntimeException) error;
    }
    throw (Error) error;
  }
}
