using Microsoft.AspNetCore.Components.Authorization;
using TradingOps.Core.Common;
using TradingOps.Data.Registrations;

namespace TradingOps.Web.Identity;

/// <summary>
/// Whether the signed-in person may see full personal ID numbers (<see cref="RoleSets.PersonalDataViewers"/>),
/// and the audited read when they may. Checked here on the server, not only by hiding a button.
/// </summary>
public sealed class PersonalDataAccess(AuthenticationStateProvider authentication, PersonalDataReads reads)
{
    private static readonly string[] Viewers = RoleSets.PersonalDataViewers.Split(',');

    public async Task<bool> MayRevealAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return Viewers.Any(user.IsInRole);
    }

    public async Task<string?> RegistrationContactIdNumberAsync(Guid registrationId, CancellationToken ct = default)
    {
        if (!await MayRevealAsync())
            throw new DomainException("PersonalData.Forbidden", "无权查看完整身份证号码");
        return await reads.RegistrationContactIdNumberAsync(registrationId, ct);
    }
}
