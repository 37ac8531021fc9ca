"""Personas: a professional, a lead and a beheerder of organisation A; a professional
and a lead of organisation B; an anonymous visitor (the `client` fixture itself)."""

import pytest
from django.test import Client

from organisations.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def org_a(db):
    return OrganisationFactory(name="Basisschool A")


@pytest.fixture
def org_b(db):
    return OrganisationFactory(name="Kinderopvang B")


def _member(org, username, role):
    user = UserFactory(username=username, first_name=username.capitalize())
    MembershipFactory(user=user, organisation=org, role=role)
    return user


@pytest.fixture
def professional_a(org_a):
    return _member(org_a, "alice", Role.PROFESSIONAL)


@pytest.fixture
def colleague_a(org_a):
    return _member(org_a, "annet", Role.PROFESSIONAL)


@pytest.fixture
def lead_a(org_a):
    return _member(org_a, "lena", Role.LEAD)


@pytest.fixture
def admin_a(org_a):
    return _member(org_a, "adam", Role.ADMIN)


@pytest.fixture
def professional_b(org_b):
    return _member(org_b, "bob", Role.PROFESSIONAL)


@pytest.fixture
def lead_b(org_b):
    return _member(org_b, "bea", Role.LEAD)


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_professional_a(professional_a):
    return _client_for(professional_a)


@pytest.fixture
def client_colleague_a(colleague_a):
    return _client_for(colleague_a)


@pytest.fixture
def client_lead_a(lead_a):
    return _client_for(lead_a)


@pytest.fixture
def client_admin_a(admin_a):
    return _client_for(admin_a)


@pytest.fixture
def client_professional_b(professional_b):
    return _client_for(professional_b)


@pytest.fixture
def client_lead_b(lead_b):
    return _client_for(lead_b)
