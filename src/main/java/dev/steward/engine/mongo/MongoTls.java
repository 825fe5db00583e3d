package dev.steward.engine.mongo;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.TargetUnreachable;
import dev.steward.engine.TlsInspection;
import dev.steward.engine.support.TlsChains;

/**
 * MongoDB's chain: a MongoDB server with TLS on speaks TLS from the first byte, so the inspection is a plain
 * handshake with the first host of the seed list. A {@code mongodb+srv} connection names a DNS record, not a host;
 * its members are not looked up here and it has no reading.
 */
@Component
class MongoTls implements TlsInspection {

	private final TargetAccess access;

	MongoTls(TargetAccess access) {
		this.access = access;
	}

	@Override
	public EngineKind engine() {
		return EngineKind.MONGODB;
	}

	@Override
	public List<X509Certificate> serverCertificates(ConnectionSpec spec, Duration timeout) {
		if (spec.srv()) {
			throw new TargetUnreachable(FailureCategory.TLS_ERROR,
					"The members of a mongodb+srv cluster are not looked up for a certificate check", null);
		}
		return TlsChains.read(access, spec, MongoAdapter.DEFAULT_PORT, timeout, TlsChains.DIRECT);
	}
}
