"""The funding table of a network adds up its amounts, not only its shares."""

from decimal import Decimal

from verbund.networks.models import FundingSource


def test_the_funding_table_shows_the_sum_of_amounts(client, network_a, coordinator_a):
    FundingSource.objects.create(
        network=network_a, funder="Land Niedersachsen", share_percent=60, amount=Decimal("774.30")
    )
    FundingSource.objects.create(
        network=network_a,
        funder="Europäischer Sozialfonds",
        share_percent=40,
        amount=Decimal("516.20"),
    )
    client.force_login(coordinator_a)
    text = client.get(network_a.get_absolute_url()).content.decode()
    total = text.split('id="funding-amount-total">')[1].split("</td>")[0]
    assert total == "1.290,50 EUR"
