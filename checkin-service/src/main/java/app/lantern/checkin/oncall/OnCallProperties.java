package app.lantern.checkin.oncall;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param timezone the programme's time zone ({@code LANTERN_PROGRAMME_TIMEZONE}): shifts of the on-call rota are
 * entered and shown in it
 */
@ConfigurationProperties("lantern.programme")
record OnCallProperties(ZoneId timezone) {

	OnCallProperties {
		timezone = timezone == null ? ZoneId.of("UTC") : timezone;
	}
}
