/// The demo's desk: who works there and their duty shifts over the window.
enum DemoRoster {
    static let users: [DeskUser] = [
        DeskUser(name: "wangmin", displayName: "王敏", team: "理赔组", role: .teamLead, phone: "13918600037"),
        DeskUser(name: "liuyang", displayName: "刘洋", team: "销售服务组", role: .teamLead, phone: "13918600074"),
        DeskUser(name: "zhangqiang", displayName: "张强", team: "理赔组", role: .handler, phone: "13918600111"),
        DeskUser(name: "lijing", displayName: "李静", team: "理赔组", role: .handler, phone: "13918600148"),
        DeskUser(name: "chenjie", displayName: "陈杰", team: "理赔组", role: .handler, phone: "13918600185"),
        DeskUser(name: "zhaolei", displayName: "赵磊", team: "销售服务组", role: .handler, phone: "13918600222"),
        DeskUser(name: "liqiang", displayName: "李强", team: "销售服务组", role: .handler, phone: "13918600259"),
        DeskUser(name: "sunli", displayName: "孙丽", team: "销售服务组", role: .handler, phone: "13918600296"),
        DeskUser(name: "zhoufang", displayName: "周芳", team: "值班组", role: .operator_, phone: "13918600333"),
        DeskUser(name: "wujun", displayName: "吴军", team: "值班组", role: .operator_, phone: "13918600370"),
        DeskUser(name: "xuhua", displayName: "徐华", team: "值班组", role: .operator_, phone: "13918600407"),
        DeskUser(name: "huangwei", displayName: "黄伟", team: "危机小组", role: .crisisGroup, phone: "13918600444"),
        DeskUser(name: "zhenghong", displayName: "郑红", team: "总裁办", role: .presidentsOffice),
        DeskUser(name: "guoping", displayName: "郭平", team: "稽核", role: .auditor),
        DeskUser(name: "admin", displayName: "管理员", team: "系统", role: .administrator),
    ]

    static let handlers: [DeskUser] = users.filter { $0.role == .handler }
    static let operators: [DeskUser] = users.filter { $0.role == .operator_ }
    static let leads: [DeskUser] = users.filter { $0.role == .teamLead }
}
