using Microsoft.AspNetCore.Identity;

namespace TradingOps.Web.Identity;

/// <summary>Identity's messages in Chinese, the console's default language.</summary>
public sealed class ChineseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少需要 {length} 个字符" };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "密码必须包含数字" };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "密码必须包含小写字母" };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "密码必须包含大写字母" };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "密码必须包含符号" };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"账号 {userName} 已存在" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"账号 {userName} 含有不允许的字符" };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "操作已失效，请重试" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "密码不正确" };
    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = $"账号已属于角色 {role}" };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"密码至少需要 {uniqueChars} 个不同字符" };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "操作失败，请重试" };
    public override IdentityError UserLockoutNotEnabled() => new() { Code = nameof(UserLockoutNotEnabled), Description = "该账号未启用锁定" };
}
