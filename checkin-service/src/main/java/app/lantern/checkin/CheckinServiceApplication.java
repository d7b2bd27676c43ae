package app.lantern.checkin;

import app.lantern.checkin.intake.CrisisWords;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class CheckinServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(CheckinServiceApplication.class, args);
	}

	@Bean
	CrisisWords crisisWords(CheckinProperties properties) {
		return new CrisisWords(properties.sms().crisisWords());
	}
}
