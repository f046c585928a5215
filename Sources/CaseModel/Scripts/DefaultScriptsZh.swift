/// The shipped Chinese scripts (see `DefaultScripts`).
enum DefaultScriptsZh {
    static let files: [(name: String, text: String)] = [
        ("first-contact.zh.md", """
        ---
        id: first-contact
        title: 首次联系客户
        situation: 受理后第一次联系客户:确认已受理,告知编号、负责人和答复时限
        kinds: venting, general, major, special
        stages: received
        roles: operator, handler, team-lead
        record: contact
        language: zh
        version: 1
        ---
        {{customer.salutation}}您好,我是投诉值班台的{{agent.name}}。您反映的问题我们已经受理,受理编号是{{case.number}},请您记一下,以后来电报这个编号就能查到。
        接下来由{{handler.name}}负责跟进,我们会在{{due.decision}}前把处理结果答复您。处理期间如果您有新的情况或材料,随时来电告诉我们。
        请问您现在方便再补充一下具体情况吗?

        """),
        ("apology.zh.md", """
        ---
        id: apology
        title: 致歉
        situation: 我方服务不到位、处理延误或给客户造成不便时,先致歉再说明安排
        kinds: general, major, special
        stages: received, contacted, investigating, pending-approval, approved
        language: zh
        version: 1
        ---
        {{customer.salutation}},非常抱歉给您带来了不便和困扰,这是我们工作没有做到位。
        您反映的情况(受理编号{{case.number}})我们已经完整记录,并交由{{handler.name}}专门跟进。我们会尽快核实原因,在{{due.decision}}前给您明确答复。
        再次向您致歉,也感谢您的理解和耐心。

        """),
        ("claim-waits-holiday.zh.md", """
        ---
        id: claim-waits-holiday
        title: 理赔调查节后开展的说明
        situation: 假期中客户询问理赔投诉进度:说明调查将于节后首个工作日开始,值班台期间持续跟进
        categories: claims
        kinds: general, major, special
        stages: received, contacted, investigating
        when: holiday
        language: zh
        version: 1
        ---
        {{customer.salutation}}您好,关于您的理赔投诉(受理编号{{case.number}}),我们已经登记,并安排{{handler.name}}负责。
        目前正值{{calendar.holiday}}期间,理赔调查需要查勘、核赔等岗位共同完成,将在节后首个工作日{{calendar.first-working-day}}正式开展。假期里值班台会一直关注您的案件,如遇急需用款等紧急情况,请随时来电,我们会优先向上级反映。
        调查结束后,我们会在{{due.decision}}前把结果告知您。给您带来不便,请您谅解。

        """),
        ("angry-caller.zh.md", """
        ---
        id: angry-caller
        title: 安抚情绪激动的客户
        situation: 客户情绪激动、语气激烈时:先共情,不争辩,记录诉求,给出明确的下一步
        kinds: venting, general, major, special
        stages: received, contacted, investigating, pending-approval, approved
        language: zh
        version: 1
        ---
        {{customer.salutation}},我非常理解您现在的心情,遇到这样的事情谁都会着急。您慢慢说,您讲的每一点我都会如实记下来。
        我跟您确认一下,您最希望我们帮您解决的是哪一件事?(复述客户诉求)
        您的投诉编号是{{case.number}},我马上把情况转给{{handler.name}},并在{{due.next}}前给您回复。请您放心,这件事有专人负责到底。

        """),
        ("repeat-complaint.zh.md", """
        ---
        id: repeat-complaint
        title: 重复投诉
        situation: 客户就同一事项再次来电:致歉、说明已列为重点督办、当日专人跟进
        kinds: general, major, special
        stages: received, contacted, investigating, pending-approval, approved
        when: repeat
        language: zh
        version: 1
        ---
        {{customer.salutation}}您好,我们注意到您已经就同一件事多次来电,首先向您道歉,是我们前面的处理没有让您满意。
        这次您的投诉(编号{{case.number}})已列为重点督办,由{{handler.name}}当日专人跟进,我们会在{{due.next}}前主动联系您说明进展,不需要您再来电催问。

        """),
        ("promised-callback.zh.md", """
        ---
        id: promised-callback
        title: 约定回电
        situation: 与客户约定回电或答复时间;或按约定时间回电时说明进展
        kinds: general, major, special
        stages: received, contacted, investigating, pending-approval, approved
        language: zh
        version: 1
        ---
        {{customer.salutation}}您好,我是投诉值班台的{{agent.name}}。关于您的投诉(编号{{case.number}}),我们约定在{{promised.time}}前给您回电,告知处理进展。
        如果到时您不方便接听,我们会短信告知并与您另约时间。

        """),
        ("explain-decision.zh.md", """
        ---
        id: explain-decision
        title: 说明处理结果(未满足诉求)
        situation: 处理结果未能满足客户诉求时:说明依据,尊重客户意见,告知进一步反映的途径
        categories: claims, sales, product, service
        kinds: general, major, special
        stages: pending-approval, approved, closed
        language: zh
        version: 1
        ---
        {{customer.salutation}}您好,关于您的投诉(编号{{case.number}}),我们已经完成调查核实。根据保险合同条款和相关规定,［具体依据］。
        我们理解这个结果和您的期望有差距。如果您对处理结果仍有异议,可以向我司提出复核,也可以依法向保险监管部门或人民法院反映;您的意见我们也已如实记录在案。

        """),
        ("crisis-outlet.zh.md", """
        ---
        id: crisis-outlet
        title: 网点现场安抚(危机事件)
        situation: 银行网点发生群体投诉时,网点责任人现场使用:引导到非营业区、登记诉求、不作承诺
        kinds: general, major, special
        when: crisis
        language: zh
        version: 1
        ---
        各位客户,大家好,我是{{crisis.branch}}网点的负责人。大家反映的问题我们非常重视,已经第一时间向上级机构和保险公司报告,保险公司的负责同志正在赶来。
        为了听清楚每一位客户的情况,请大家随我到接待室,我们逐一登记每位客户的保单情况、诉求和联系方式。
        在情况核实清楚之前,我们不能给大家不准确的答复,请大家理解。登记之后,保险公司会安排专人逐一与大家联系。

        """),
        ("crisis-media.zh.md", """
        ---
        id: crisis-media
        title: 媒体问询口径(危机事件)
        situation: 媒体问询危机事件时的统一口径:重视、正在核实、统一发布,不披露客户信息和未经核实的情况
        kinds: general, major, special
        roles: team-lead, crisis-group
        when: crisis
        language: zh
        version: 1
        ---
        您好,感谢您的关注。对于{{crisis.branch}}客户反映的相关情况,我公司高度重视,已成立专门工作组,正在会同合作银行逐一核实情况、妥善处理客户诉求。
        目前相关情况仍在核实中,事件进展将由公司统一对外发布。我们将依法合规、实事求是地处理,切实维护客户的合法权益。
        如需进一步采访,请与公司品牌宣传部联系。

        """),
        ("crisis-regulator.zh.md", """
        ---
        id: crisis-regulator
        title: 向监管部门报告口径(危机事件)
        situation: 监管部门问询或需报告危机事件时:如实反映已采取的措施和进展
        kinds: general, major, special
        roles: team-lead, crisis-group
        when: crisis
        language: zh
        version: 1
        ---
        关于{{crisis.branch}}涉及{{crisis.people}}名客户的投诉事件,现将有关情况报告如下:
        一、事件发生后,我公司已第一时间启动客户投诉及危机事件处理机制,成立工作组赴现场处置;
        二、目前已逐一登记客户诉求,正在会同合作银行核实相关保单的销售和服务情况;
        三、我公司将实事求是、依法合规处理客户诉求,处理进展将及时向贵局报告。
        联系人:{{agent.name}}。

        """),
    ]
}
