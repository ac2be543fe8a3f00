import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type EidBroker, type StaffOidc } from '../../server/config.ts';
import {
  loaAtLeast,
  mapEidClaims,
  mapStaffClaims,
  normaliseLoa,
  safeReturnTo,
} from '../../server/modules/identity/identity.rules.ts';

// Issue 15: the claim mapping per broker, the NSIS levels in each broker's spelling, and the
// configuration that refuses a CPR scope.

const neb = {
  id: 'neb',
  label: 'MitID',
  issuer: 'https://pp.netseidbroker.dk/op',
  clientId: 'x',
  clientSecret: 'y',
  scope: 'openid mitid nemlogin',
  authParams: {},
  userinfo: false,
  claims: {
    subject: 'mitid.uuid',
    name: 'mitid.identity_name',
    loa: 'loa',
    cvr: 'nemlogin.cvr',
    orgName: 'nemlogin.org_name',
  },
} satisfies EidBroker;

describe('identity rules', () => {
  it('reads the NSIS level in OIOSAML 3, Nets eID Broker and bare spellings', () => {
    expect(normaliseLoa('https://data.gov.dk/concept/core/nsis/loa/Substantial')).toBe('substantial');
    expect(normaliseLoa('https://data.gov.dk/concept/core/nsis/High')).toBe('high');
    expect(normaliseLoa('low')).toBe('low');
    expect(normaliseLoa('https://example.com/nsis/High')).toBeNull();
    expect(normaliseLoa(3)).toBeNull();
    expect(loaAtLeast('high', 'substantial')).toBe(true);
    expect(loaAtLeast('low', 'substantial')).toBe(false);
  });

  it('maps a MitID Erhverv token and drops everything else (the CPR number too)', () => {
    const person = mapEidClaims(neb, {
      sub: 'pseudo',
      loa: 'https://data.gov.dk/concept/core/nsis/Substantial',
      'mitid.uuid': 'u-1',
      'mitid.identity_name': 'Erik',
      'nemlogin.cvr': '12345678',
      'nemlogin.org_name': 'Eksempel ApS',
      'dk.cpr': '0101701234',
    });
    expect(person).toEqual({
      provider: 'neb',
      subject: 'u-1',
      name: 'Erik',
      loa: 'substantial',
      cvr: '12345678',
      orgName: 'Eksempel ApS',
    });
    expect(JSON.stringify(person)).not.toContain('0101701234');
    // Nested claims are found by path; no subject or level: no person.
    expect(
      mapEidClaims({ ...neb, claims: { subject: 'mitid.uuid', loa: 'loa' } }, { mitid: { uuid: 'n' }, loa: 'low' }),
    ).toMatchObject({ subject: 'n', loa: 'low', cvr: null });
    expect(mapEidClaims(neb, { 'mitid.uuid': 'u' })).toBeNull();
    expect(mapEidClaims(neb, { loa: 'low', 'mitid.uuid': 'u', 'nemlogin.cvr': '123' })?.cvr).toBeNull();
  });

  it('maps staff roles from the group claim', () => {
    const staff = {
      label: 'Staff',
      issuer: 'https://idp.example',
      clientId: 'c',
      clientSecret: 's',
      scope: 'openid',
      authParams: {},
      userinfo: false,
      emailClaim: 'email',
      nameClaim: 'name',
      groupsClaim: 'groups',
      roles: { a: ['analyst'], b: ['admin', 'analyst'] },
    } satisfies StaffOidc;
    expect(mapStaffClaims(staff, { email: 'x@y.dk', name: 'X', groups: ['a', 'b', 'c'] })).toEqual({
      email: 'x@y.dk',
      name: 'X',
      roles: ['analyst', 'admin'],
    });
    expect(mapStaffClaims(staff, { email: 'x@y.dk', groups: ['c'] })).toBeNull();
    expect(mapStaffClaims(staff, { groups: ['a'] })).toBeNull();
  });

  it('returns only to a path on this site', () => {
    expect(safeReturnTo('/admin')).toBe('/admin');
    expect(safeReturnTo('//evil.example/')).toBe('/');
    expect(safeReturnTo('https://evil.example/')).toBe('/');
    expect(safeReturnTo('/\\evil')).toBe('/');
  });

  it('refuses a configuration that asks for a CPR number or gives no client credential', () => {
    const env = (b: object) => ({ EID_BROKERS: JSON.stringify([{ ...neb, ...b }]) });
    expect(() => loadConfig(env({ scope: 'openid mitid ssn' }))).toThrow(ConfigError);
    expect(() => loadConfig(env({ clientSecret: undefined }))).toThrow(/clientSecret or privateKey/);
    expect(() => loadConfig({ EID_BROKERS: 'not json' })).toThrow(/not valid JSON/);
    expect(loadConfig(env({})).eidBrokers[0]?.id).toBe('neb');
  });
});
