package app.lantern.checkin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import app.lantern.testsupport.SharedInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit chain in a database owned as the local stack's and a production database are: by a role without
 * superuser rights, which the migrations leave only INSERT and SELECT on the trail (the service's own tests run on a
 * superuser's database, where no right can be taken away).
 */
class AuditChainOwnerTest {

	@Test
	void aTrailMigratedAndWrittenByAnOwnerWithoutSuperuserRightsIsLinked() throws Exception {
		// as the local stack and a production database run: the tables' owner is no superuser, and the migrations
		// took from it every right on the trail but INSERT and SELECT (this suite's own database is a superuser's)
		try (Connection admin = SharedInfrastructure.postgres().getPostgresDatabase().getConnection();
				Statement statement = admin.createStatement()) {
			statement.execute("drop database if exists audit_owned");
			statement.execute("drop role if exists audit_owner");
			statement.execute("create role audit_owner login nosuperuser");
			statement.execute("create database audit_owned owner audit_owner");
		}
		DataSource owned = new SimpleDriverDataSource(new org.postgresql.Driver(),
				SharedInfrastructure.postgres().getJdbcUrl("audit_owner", "audit_owned"));
		Flyway.configure().dataSource(owned).locations("classpath:db/migration/checkin").load().migrate();
		JdbcClient ownedJdbc = JdbcClient.create(owned);
		TransactionTemplate ownedTransactions = new TransactionTemplate(new DataSourceTransactionManager(owned));
		AuditTrail ownedTrail = new AuditTrail(ownedJdbc, new JdbcTemplate(owned), Clock.systemUTC());
		AuditChain ownedChain = new AuditChain(ownedJdbc, new JdbcTemplate(owned), ownedTransactions);

		for (String action : List.of("FIRST", "SECOND", "THIRD")) {
			ownedTransactions.executeWithoutResult(status -> ownedTrail.recordOf("owned", "tester", action, null));
		}
		assertThat(ownedChain.linkPending()).isEqualTo(3);
		assertThat(ownedChain.verify()).isEqualTo(new AuditChain.Verdict(3, true, null, 0));
		assertThatThrownBy(() -> ownedJdbc.sql("update audit_link set hash = null").update())
			.hasRootCauseMessage("ERROR: permission denied for table audit_link");
	}
}
