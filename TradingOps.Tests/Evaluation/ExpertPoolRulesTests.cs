using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using static TradingOps.Tests.Evaluation.PoolTestData;

namespace TradingOps.Tests.Evaluation;

/// <summary>The pool's rules in Core (issue 18 item 1) and the checks of a provincial draw result before anything is stored.</summary>
public sealed class ExpertPoolRulesTests
{
    private static readonly string[] Catalogue = ExpertPoolSeeder_Codes();

    private static string[] ExpertPoolSeeder_Codes() => TradingOps.Data.Evaluation.ExpertPoolSeeder.Specialties.Select(s => s.Code).ToArray();

    private static Expert NewExpert(IIdentityProtector protector) =>
        new("E00001", ProtectedIdentity.Of(protector, "张三", Id("19700101", 1), "13800138000", DateOnly.FromDateTime(Now.Date)),
            "示范大学", "五华区", ["A01"], ExpertSource.LocalPool, "admin", Now);

    [Fact]
    public void Every_status_change_needs_a_reason_the_reactivation_too_and_keeps_it()
    {
        var expert = NewExpert(Protector());

        Assert.Equal("Expert.StatusReason", Assert.Throws<DomainException>(() => expert.ChangeStatus(ExpertStatus.Suspended, "  ")).Code);
        expert.ChangeStatus(ExpertStatus.Suspended, "年度考核不合格");
        Assert.Equal((ExpertStatus.Suspended, "年度考核不合格"), (expert.Status, expert.StatusReason));
        Assert.Equal("Expert.StatusReason", Assert.Throws<DomainException>(() => expert.ChangeStatus(ExpertStatus.Active, null)).Code);
        expert.ChangeStatus(ExpertStatus.Active, "复核通过，恢复抽取");
        Assert.Equal((ExpertStatus.Active, "复核通过，恢复抽取"), (expert.Status, expert.StatusReason));
    }

    [Fact]
    public void A_change_to_the_status_the_expert_already_has_is_refused()
    {
        var expert = NewExpert(Protector());
        Assert.Equal("Expert.SameStatus", Assert.Throws<DomainException>(() => expert.ChangeStatus(ExpertStatus.Active, "无变化")).Code);
    }

    [Fact]
    public void Specialties_must_be_in_the_catalogue_at_least_one_and_at_most_eight()
    {
        Assert.Equal(["A01", "B02"], ExpertPool.KnownSpecialties(["a01", " B02 ", "A01"], Catalogue));
        var unknown = Assert.Throws<DomainException>(() => ExpertPool.KnownSpecialties(["A01", "Z99"], Catalogue));
        Assert.Contains("Z99", unknown.Message);
        Assert.Equal("Expert.Specialties", Assert.Throws<DomainException>(() => ExpertPool.KnownSpecialties([], Catalogue)).Code);
        Assert.Equal("Expert.Specialties", Assert.Throws<DomainException>(() => ExpertPool.KnownSpecialties(Catalogue.Take(9), Catalogue)).Code);
        Assert.Equal(8, ExpertPool.KnownSpecialties(Catalogue.Take(8), Catalogue).Count);
    }

    [Fact]
    public void An_unavailable_period_may_not_overlap_one_already_declared_but_may_touch_it()
    {
        var expertId = Guid.CreateVersion7();
        var existing = new[] { new ExpertUnavailability(expertId, Now.AddDays(2), Now.AddDays(5), "出差", "admin") };

        var overlap = Assert.Throws<DomainException>(() => ExpertPool.EnsureCanAdd(existing, Now.AddDays(4), Now.AddDays(8), Now));
        Assert.Equal("Expert.UnavailableOverlap", overlap.Code);
        Assert.Equal("Expert.UnavailableOverlap", Assert.Throws<DomainException>(() => ExpertPool.EnsureCanAdd(existing, Now.AddDays(3), Now.AddDays(4), Now)).Code);
        ExpertPool.EnsureCanAdd(existing, Now.AddDays(5), Now.AddDays(7), Now); // starts when the other ends
        ExpertPool.EnsureCanAdd(existing, Now, Now.AddDays(2), Now);            // ends when the other starts
    }

    [Fact]
    public void An_unavailable_period_must_end_after_it_starts_not_be_over_and_last_at_most_a_year()
    {
        Assert.Equal("Expert.Unavailable", Assert.Throws<DomainException>(() => ExpertPool.EnsureCanAdd([], Now.AddDays(2), Now.AddDays(2), Now)).Code);
        Assert.Equal("Expert.UnavailablePast", Assert.Throws<DomainException>(() => ExpertPool.EnsureCanAdd([], Now.AddDays(-5), Now.AddDays(-1), Now)).Code);
        Assert.Equal("Expert.UnavailableTooLong", Assert.Throws<DomainException>(() => ExpertPool.EnsureCanAdd([], Now, Now.AddDays(367), Now)).Code);
    }

    [Fact]
    public void A_new_code_follows_the_highest_of_its_prefix()
    {
        Assert.Equal("E03001", ExpertPool.NextCode("E", ["E03000"]));
        Assert.Equal("P00001", ExpertPool.NextCode("P", []));
        Assert.Equal("P00003", ExpertPool.NextCode("P", ["P00002", "E09999"]));
    }

    [Fact]
    public void A_provincial_result_is_checked_field_by_field_and_each_error_names_its_field_but_never_a_name()
    {
        var good = Id("19700101", 11);
        var body = new ProvincialDrawResult("req-1", Guid.CreateVersion7(), "YN-2026-001", Now.AddMinutes(-10), "李操作", "李操作",
        [
            Member("王某某", good),
            Member("赵某某", WrongChecksum(Id("19700101", 12))),
            Member("钱某某", Id("19700101", 13), specialty: "Z99"),
            Member("孙某某", good),
            Member("周某某", Id("19700101", 14), phone: ""),
            null,
        ]);

        var (members, errors) = ProvincialDraw.Check(body, Protector(), Catalogue, Now);

        Assert.Empty(members); // nothing passes when anything is wrong
        Assert.Equal(["confirmer", "members[1].idNumber", "members[2].specialtyCode", "members[3].idNumber", "members[4].phone", "members[5]"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("第 1 位", errors["members[3].idNumber"][0]);
        var all = string.Join(" ", errors.Values.SelectMany(v => v));
        foreach (var name in new[] { "王某某", "赵某某", "钱某某", "孙某某", "周某某" }) Assert.DoesNotContain(name, all);
        Assert.DoesNotContain(good, all);
    }

    [Fact]
    public void A_provincial_result_needs_its_request_id_booking_number_time_and_members()
    {
        var (_, errors) = ProvincialDraw.Check(new ProvincialDrawResult(null, null, " ", null, null, null, []), Protector(), Catalogue, Now);
        Assert.Equal(["bookingId", "confirmer", "drawnAt", "members", "operator", "provincialDrawNo", "requestId"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_valid_provincial_result_gives_protected_identities_and_the_round_hash_is_over_the_sorted_codes()
    {
        var body = new ProvincialDrawResult("req-1", Guid.CreateVersion7(), "YN-2026-001", Now.AddMinutes(-10), "李操作", "王监督",
            [Member("王某某", Id("19700101", 11)), Member("赵某某", Id("19700101", 12), specialty: "b02")]);

        var (members, errors) = ProvincialDraw.Check(body, Protector(), Catalogue, Now);

        Assert.Empty(errors);
        Assert.Equal(["A01", "B02"], members.Select(m => m.SpecialtyCode));
        Assert.All(members, m => Assert.DoesNotContain("某某", m.Identity.ProtectedName));
        Assert.Equal(IdNumber.Mask(Id("19700101", 12)), members[1].Identity.IdMasked);
        Assert.NotEqual(Id("19700101", 12), members[1].Identity.IdMasked);
        var (json, hash) = ProvincialDraw.Candidates(["P00002", "E00001"]);
        Assert.Equal("[\"E00001\",\"P00002\"]", json);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json))), hash);
    }
}
