"""The collections behind offices, appointments, employers, vacancies, programmes and partners,
created once in the lifespan with the indexes their lists and uniqueness rules need."""

from __future__ import annotations

from dataclasses import dataclass

from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from intake.adapters.mongo_aggregates import MongoAggregates
from intake.adapters.mongo_appointments import MongoAppointmentRepository
from intake.domain.employers import Employer
from intake.domain.offices import Office
from intake.domain.partners import Partner, Partnership, Referral
from intake.domain.programmes import Programme
from intake.domain.vacancies import Vacancy


@dataclass
class OpportunityStores:
    offices: MongoAggregates[Office]
    appointments: MongoAppointmentRepository
    employers: MongoAggregates[Employer]
    vacancies: MongoAggregates[Vacancy]
    programmes: MongoAggregates[Programme]
    partners: MongoAggregates[Partner]
    partnerships: MongoAggregates[Partnership]
    referrals: MongoAggregates[Referral]

    @property
    def with_outbox(self) -> list[AsyncCollection]:
        """Collections whose documents carry events for the relay."""
        return [self.appointments.collection, self.vacancies.collection,
                self.programmes.collection, self.partnerships.collection,
                self.referrals.collection]


def outbox_collections(database: AsyncDatabase) -> list[AsyncCollection]:
    """The same list, for a relay that runs without the API."""
    return [database[name] for name in
            ("appointments", "vacancies", "programmes", "partnerships", "referrals")]


async def open_stores(database: AsyncDatabase) -> OpportunityStores:
    stores = OpportunityStores(
        offices=MongoAggregates(database, "offices", Office),
        appointments=MongoAppointmentRepository(database),
        employers=MongoAggregates(database, "employers", Employer),
        vacancies=MongoAggregates(database, "vacancies", Vacancy),
        programmes=MongoAggregates(database, "programmes", Programme),
        partners=MongoAggregates(database, "partners", Partner),
        partnerships=MongoAggregates(database, "partnerships", Partnership),
        referrals=MongoAggregates(database, "referrals", Referral),
    )
    await stores.offices.create_indexes("municipality")
    await stores.appointments.create_indexes("office_id", "operator_id", "seeker_id", "starts_at")
    await stores.employers.create_indexes("municipality", unique=("vat_number",))
    await stores.vacancies.create_indexes("employer_id", "status", "municipality")
    await stores.programmes.create_indexes("kind", "status", "municipality")
    await stores.partners.create_indexes("kind")
    await stores.partnerships.create_indexes("member_ids")
    await stores.referrals.create_indexes("programme_id", "partner_id", "seeker_id")
    return stores
