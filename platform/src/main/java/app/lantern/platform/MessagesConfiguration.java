package app.lantern.platform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.core.env.Environment;

/**
 * The message bundles every text to a person comes from ({@code spring.messages.basename}), in the recipient's
 * language. A programme adds a language — or rewords one — without a release: bundles in {@code lantern.messages.dir}
 * ({@code LANTERN_MESSAGES_DIR}; {@code sms-replies_pt.properties}, say) come first, the built-in ones after them;
 * anything a bundle lacks reads English. They are read again every minute.
 */
@AutoConfiguration
@AutoConfigureBefore(name = "org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration")
@EnableConfigurationProperties(MessagesConfiguration.MessagesProperties.class)
public class MessagesConfiguration {

	/** @param dir a folder of the programme's own message bundles, read before the built-in ones (optional) */
	@ConfigurationProperties("lantern.messages")
	public record MessagesProperties(String dir) {
	}

	@Bean(name = AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME)
	MessageSource messageSource(MessagesProperties properties, Environment environment) {
		List<String> basenames = new ArrayList<>();
		String[] names = environment.getProperty("spring.messages.basename", "messages").split("\\s*,\\s*");
		if (properties.dir() != null && !properties.dir().isBlank()) {
			String dir = properties.dir().replaceAll("/+$", "");
			for (String name : names) {
				basenames.add("file:" + dir + "/" + name);
			}
		}
		for (String name : names) {
			basenames.add("classpath:" + name);
		}
		ReloadableResourceBundleMessageSource source = new ReloadableResourceBundleMessageSource();
		source.setBasenames(basenames.toArray(String[]::new));
		source.setDefaultEncoding(StandardCharsets.UTF_8.name());
		// a language without a bundle reads the default (English) bundle, whatever the machine's own locale
		source.setFallbackToSystemLocale(false);
		source.setCacheSeconds(60);
		return source;
	}
}
