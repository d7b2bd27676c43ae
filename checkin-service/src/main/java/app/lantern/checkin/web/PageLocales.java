package app.lantern.checkin.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language a page is written in: the person's own, when the page knows whose it is (a client's check-in page,
 * a contact's invitation page: {@link #speak}); English otherwise — the console, and a page that cannot tell whose.
 */
@Configuration(proxyBeanMethods = false)
public class PageLocales {

	private static final String ATTRIBUTE = PageLocales.class.getName() + ".locale";

	/** This request's page is for someone who reads {@code locale}. */
	public static void speak(HttpServletRequest request, Locale locale) {
		request.setAttribute(ATTRIBUTE, locale);
	}

	@Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
	LocaleResolver localeResolver() {
		return new LocaleResolver() {

			@Override
			public Locale resolveLocale(HttpServletRequest request) {
				return request.getAttribute(ATTRIBUTE) instanceof Locale locale ? locale : Locale.ENGLISH;
			}

			@Override
			public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
				speak(request, locale);
			}
		};
	}
}
